"""Stage 1, load and check: read every file under plans/, validate it, and report every problem at once."""
from .catalogue import Catalogue, PartnershipPlans, PlanEdition, SourceFile
from .loader import PlanErrors, display_path, load_plans
from .yamlsafe import Problem

__all__ = ["Catalogue", "PartnershipPlans", "PlanEdition", "PlanErrors", "Problem", "SourceFile", "display_path", "load_plans"]
