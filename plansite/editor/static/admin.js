// Starts Decap CMS on a partnership's editor page (admin/<slug>/), from this site's own files.
//
// - Decap is loaded only when it can work here: a page whose backend is the local decap-server
//   (make edit) works only on this computer, so elsewhere the page says how to set it up and
//   loads nothing more.
// - Before a record is saved, fields left empty are dropped: Decap would write `due: ""`,
//   which the build refuses ("must not be empty"), where leaving the field out is what
//   the person meant.
// - Each field's help text (the schema's description) is tied to its control with
//   aria-describedby, so a screen reader reads it with the label; Decap shows it only visually.
(function () {
  "use strict";
  var body = document.body;
  var local = ["localhost", "127.0.0.1", "[::1]"].indexOf(location.hostname) !== -1;
  if (body.getAttribute("data-backend") === "proxy" && !local) {
    document.getElementById("ps-admin-not-set-up").hidden = false;
    return;
  }

  function isEmpty(value) {
    return value === null || value === undefined || (typeof value === "string" && value.trim() === "") ||
      (value && value["@@__IMMUTABLE_MAP__@@"] === true && value.size === 0);
  }

  function clean(value) {
    // Immutable.js Maps and Lists, as Decap holds an entry's data.
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      return value.map(clean).filter(function (item) { return !isEmpty(item); });
    }
    return value;
  }

  function describeFields(root) {
    var labels = root.querySelectorAll("label[for]");
    for (var i = 0; i < labels.length; i++) {
      var control = document.getElementById(labels[i].htmlFor);
      var container = labels[i].parentElement && labels[i].parentElement.parentElement;
      if (!control || !container) continue;
      var hint = null;
      for (var child = container.lastElementChild; child; child = child.previousElementSibling) {
        if (child.tagName === "P") { hint = child; break; }
        if (child.contains(labels[i])) break;
      }
      if (!hint) continue;
      hint.id = hint.id || labels[i].htmlFor + "-hint";
      // React rewrites the attribute when it renders (react-select does); put the hint back each time.
      var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(hint.id) === -1) {
        control.setAttribute("aria-describedby", described.concat(hint.id).join(" "));
      }
    }
  }

  document.getElementById("ps-admin-intro").hidden = true;
  new MutationObserver(function () { describeFields(document.body); })
    .observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-describedby"] });
  window.CMS_MANUAL_INIT = true;
  var script = document.createElement("script");
  script.src = body.getAttribute("data-runtime");
  script.onload = function () {
    window.CMS.registerEventListener({
      name: "preSave",
      handler: function (event) { return clean(event.entry.get("data")); }
    });
    window.CMS.init();
  };
  document.body.appendChild(script);
})();
