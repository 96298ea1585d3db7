/* Plansite: the header's Menu and Search buttons, search with Pagefind, and <details> opened
   for printing. It replaces Material's script, which this site does not load.

   Every page works without it: the menu is shown in full on narrow screens, the header links to
   the partnership finder and the places A to Z in place of search, and closed <details> open with
   a click. Where it runs:
   - Menu (below 1220 px, where the menu is not a sidebar): a button that opens the menu above the
     page and moves focus to its first link; Escape, or the button again, closes it and puts focus
     back on the button. A closed menu is `hidden`, so it is out of the tab order and unread.
   - Search: a button that opens the search panel under the header with focus in its box; Escape or
     "Close search" closes it and puts focus back on the button. "/" opens it from anywhere but a
     text field. Results are a list of links, counted in a live region; Pagefind's index is fetched
     only when the box is first used, and only the chunks a search needs.
   - Print: closed <details> are opened while printing and closed again after, as Material's did. */
(function () {
  "use strict";

  var header = document.querySelector("[data-ps-root]");
  if (!header) return;
  var siteRoot = new URL((header.getAttribute("data-ps-root") || ".").replace(/\/?$/, "/"), location.href);
  var wide = window.matchMedia("(min-width: 76.25em)"); // Material's breakpoint for the menu sidebar

  function on(target, type, handler) { target.addEventListener(type, handler); }

  // ---- Menu ---------------------------------------------------------------------------------
  var menuButton = document.querySelector("[data-ps-menu-button]");
  var menu = document.getElementById("ps-nav");
  var menuOpen = false;

  function showMenu() {
    // A sidebar on wide screens, always there; otherwise only while open.
    var shown = wide.matches || menuOpen;
    menu.hidden = !shown;
    menu.classList.toggle("ps-sidebar--open", menuOpen && !wide.matches);
    if (menuButton) menuButton.setAttribute("aria-expanded", String(menuOpen && !wide.matches));
  }

  function setMenu(open, focus) {
    menuOpen = open;
    showMenu();
    if (open && focus) {
      var first = menu.querySelector("a[href]");
      if (first) first.focus();
    } else if (!open && focus && menuButton) {
      menuButton.focus();
    }
  }

  if (menu) {
    showMenu();
    var onWidth = function () { if (wide.matches) menuOpen = false; showMenu(); };
    if (wide.addEventListener) wide.addEventListener("change", onWidth); else wide.addListener(onWidth);
    if (menuButton) on(menuButton, "click", function () { setMenu(!menuOpen, true); });
  }

  // ---- Search panel -------------------------------------------------------------------------
  var searchButton = document.querySelector("[data-ps-search-button]");
  var panel = document.getElementById("ps-search");

  function setSearch(open, focus) {
    if (!panel) return;
    panel.hidden = !open;
    if (searchButton) searchButton.setAttribute("aria-expanded", String(open));
    if (open) {
      var input = panel.querySelector("input");
      if (input && focus) { input.focus(); input.select(); }
      loadPagefind(); // start fetching while the question is typed
    } else if (focus && searchButton) {
      searchButton.focus();
    }
  }

  if (searchButton && panel) {
    on(searchButton, "click", function () { setSearch(panel.hidden, true); });
    var close = panel.querySelector("[data-ps-search-close]");
    if (close) on(close, "click", function () { setSearch(false, true); });
  }

  function typing(element) {
    if (!element) return false;
    var tag = element.tagName;
    return element.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  on(document, "keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    var active = document.activeElement;
    if (event.key === "Escape") {
      if (panel && !panel.hidden && (panel.contains(active) || active === searchButton)) {
        event.preventDefault();
        setSearch(false, true);
      } else if (menu && menuOpen && !wide.matches && (menu.contains(active) || active === menuButton)) {
        event.preventDefault();
        setMenu(false, true);
      }
    } else if (event.key === "/" && panel && searchButton && !typing(active)) {
      event.preventDefault();
      setSearch(true, true);
    }
  });

  // Parts that only work with the script (the 404 page's search) are shown now.
  Array.prototype.forEach.call(document.querySelectorAll("[data-ps-scripted]"), function (element) {
    element.hidden = false;
  });

  // ---- Pagefind -----------------------------------------------------------------------------
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        // Result addresses start from the site's root, wherever the site is served from.
        var options = { baseUrl: siteRoot.pathname, excerptLength: 24 };
        return Promise.resolve(module.options(options)).then(function () {
          return Promise.resolve(module.init());
        }).then(function () {
          // A large site's index is in parts (plansite/search.py): merge those of this page's language.
          return fetch(new URL("pagefind/shards.json", siteRoot).href).then(function (response) {
            if (!response.ok) throw new Error("search index parts: " + response.status);
            return response.json();
          });
        }).then(function (shards) {
          var language = (document.documentElement.getAttribute("lang") || "").toLowerCase();
          return Promise.all((shards[language] || []).map(function (folder) {
            var part = { baseUrl: options.baseUrl, excerptLength: options.excerptLength, language: language };
            return module.mergeIndex(new URL("pagefind/" + folder, siteRoot).pathname, part);
          }));
        }).then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next search
    }
    return pagefind;
  }

  // Pagefind's excerpts are HTML: the page's text with entities escaped, and matches in <mark>.
  // They are rebuilt here as text nodes and <mark> elements, so that nothing else in them could
  // ever become markup, whatever the index holds.
  var decoder = document.createElement("textarea");
  function decode(html) { decoder.innerHTML = html; return decoder.value; }
  function appendExcerpt(element, excerpt) {
    var marked = false;
    String(excerpt || "").split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var text = document.createTextNode(decode(part));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        element.appendChild(mark);
      } else {
        element.appendChild(text);
      }
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  var PAGE = 10;

  function Search(root) {
    this.root = root;
    this.text = root.dataset;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input");
    this.status = root.querySelector("[role=status]");
    this.list = root.querySelector(".ps-search__results");
    this.more = root.querySelector(".ps-search__more");
    this.results = [];
    this.shown = 0;
    this.query = "";
    this.run = 0;
    this.timer = null;
    var self = this;
    on(this.form, "submit", function (event) { event.preventDefault(); self.search(true); });
    on(this.input, "input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.search(false); }, 300);
    });
    on(this.input, "focus", function () { loadPagefind(); });
    on(this.more, "click", function () { self.showMore(true); });
  }

  Search.prototype.search = function (now) {
    var self = this;
    var query = this.input.value.trim();
    clearTimeout(this.timer);
    if (query === this.query && !now) return;
    this.query = query;
    var run = ++this.run;
    if (!query) {
      this.clear();
      this.status.textContent = "";
      return;
    }
    loadPagefind().then(function (pf) {
      return pf.search(query);
    }).then(function (found) {
      if (run !== self.run) return; // a newer search has started
      self.clear();
      self.results = (found && found.results) || [];
      return self.showMore(false).then(function () {
        if (run !== self.run) return;
        var count = self.results.length;
        var message = count === 0 ? self.text.psNone : count === 1 ? self.text.psCountOne : self.text.psCountOther;
        self.status.textContent = fill(message, { count: count, query: query });
      });
    }).catch(function () {
      if (run !== self.run) return;
      self.unavailable();
    });
  };

  Search.prototype.clear = function () {
    this.results = [];
    this.shown = 0;
    this.list.textContent = "";
    this.list.hidden = true;
    this.more.hidden = true;
    var note = this.root.querySelector(".ps-search__instead");
    if (note) note.remove();
  };

  Search.prototype.showMore = function (focus) {
    var self = this;
    var start = this.shown;
    var batch = this.results.slice(start, start + PAGE);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      var first = null;
      pages.forEach(function (data) {
        var link = self.item(data);
        first = first || link;
      });
      self.shown = start + batch.length;
      self.list.hidden = self.shown === 0;
      self.more.hidden = self.shown >= self.results.length;
      if (self.shown > PAGE) {
        self.status.textContent = fill(self.text.psShown, { shown: self.shown, count: self.results.length });
      }
      if (focus && first) first.focus();
    });
  };

  Search.prototype.item = function (data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "ps-search-result";
    var link = document.createElement("a");
    link.className = "ps-search-result__link";
    link.href = data.url;
    link.textContent = meta.title || data.url;
    li.appendChild(link);
    // Which partnership, area and kind of page: every result says whose it is.
    var about = [meta.type, meta.partnership, meta.region].filter(Boolean).join(" \u00b7 ");
    if (about) {
      var where = document.createElement("p");
      where.className = "ps-search-result__meta";
      where.textContent = about;
      li.appendChild(where);
    }
    if (data.excerpt) {
      var excerpt = document.createElement("p");
      excerpt.className = "ps-search-result__excerpt";
      appendExcerpt(excerpt, data.excerpt);
      li.appendChild(excerpt);
    }
    this.list.appendChild(li);
    return link;
  };

  Search.prototype.unavailable = function () {
    // The index could not be loaded (a copy opened from files, or a host that does not serve it):
    // say so, and offer the ways that work without search.
    this.clear();
    this.status.textContent = this.text.psUnavailable;
    var note = document.createElement("p");
    note.className = "ps-search__instead";
    note.appendChild(document.createTextNode(this.text.psInstead + " "));
    [[this.text.psFind, this.text.psFindLabel], [this.text.psPlaces, this.text.psPlacesLabel]].forEach(function (pair, i) {
      if (i) note.appendChild(document.createTextNode(" \u00b7 "));
      var link = document.createElement("a");
      link.href = pair[0];
      link.textContent = pair[1];
      note.appendChild(link);
    });
    this.status.insertAdjacentElement("afterend", note);
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-ps-search]"), function (root) {
    new Search(root);
  });

  // ---- Print --------------------------------------------------------------------------------
  var opened = [];
  on(window, "beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  on(window, "afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
