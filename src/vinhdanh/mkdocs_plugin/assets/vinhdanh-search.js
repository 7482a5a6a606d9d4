/* vinhdanh search: Pagefind behind the header box and the /tim-kiem/ page.
 *
 * Pagefind folds tones ("tram" finds "Trâm") but not "đ"; queries have "đ" folded to
 * "d" here, and every indexed page carries a hidden folded copy of its "đ" words.
 * Nothing is loaded from outside the site. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("..", script.src);          // this file lives in <site>/assets/
  var FACETS = [
    ["loai", "Loại"], ["don_vi", "Đơn vị"], ["nam", "Năm"], ["danh_hieu", "Danh hiệu"], ["phong_trao", "Phong trào"],
    ["cap_sang_kien", "Cấp sáng kiến"], ["van_ban", "Loại văn bản"]
  ];
  var SORTS = { moi: { ngay: "desc" }, cu: { ngay: "asc" } };
  var PAGE_SIZE = 10;
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 26 }).then(function () { return pf; });
      });
    }
    return loading;
  }

  function prepare(query) {
    var text = (query || "").normalize("NFC").replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D").trim();
    return text || null;
  }

  /* Drop the page's hidden ⟦folded⟧ words from an excerpt: they are for matching only. */
  function cleanExcerpt(html) {
    return html.replace(/(<mark>)?⟦[^⟧]*⟧(<\/mark>)?/g, "").replace(/\s{2,}/g, " ").trim();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function absolute(path) {
    return new URL(path, root).href;
  }

  function describe(data) {
    var meta = data.meta || {};
    var parts = [];
    if (meta.ngay) parts.push(meta.ngay);
    if (meta.don_vi) parts.push(meta.don_vi);
    if (meta.danh_hieu) parts.push(meta.danh_hieu);
    return parts.join(" · ");
  }

  function resultItem(data, withExcerpt) {
    var item = element("li", "vd-result");
    var link = element("a", "vd-result__link");
    link.href = data.url;
    var meta = data.meta || {};
    if (meta.image) {
      var img = element("img", "vd-result__thumb");
      img.src = absolute(meta.image);
      img.alt = "";
      img.loading = "lazy";
      link.appendChild(img);
    } else {
      var none = element("span", "vd-result__thumb vd-result__thumb--none", "★");
      none.setAttribute("aria-hidden", "true");
      link.appendChild(none);
    }
    var text = element("span", "vd-result__text");
    text.appendChild(element("span", "vd-result__title", meta.title || data.url));
    var line = describe(data);
    if (line) text.appendChild(element("span", "vd-result__meta", line));
    var shown = withExcerpt ? cleanExcerpt(data.excerpt || "") : "";
    if (shown) {
      var excerpt = element("span", "vd-result__excerpt");
      excerpt.innerHTML = shown;              // Pagefind escapes the text and adds only <mark>
      text.appendChild(excerpt);
    }
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  /* --- The header box ------------------------------------------------------------------ */

  function setupBox(box) {
    var input = box.querySelector(".vd-search-box__input");
    var list = box.querySelector(".vd-search-box__results");
    var status = box.querySelector(".vd-search-box__status");
    var form = box.querySelector("form");
    var latest = 0;

    function close() {
      list.hidden = true;
      status.textContent = "";
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    /* Arrow keys move the real focus: each suggestion is a link, Enter follows it. */
    function move(from, step) {
      var all = links();
      var next = all.indexOf(from) + step;
      if (next < 0) input.focus();
      else if (next < all.length) all[next].focus();
    }

    function show(search, rows) {
      list.textContent = "";
      rows.forEach(function (row) { list.appendChild(resultItem(row, false)); });
      var all = element("li", "vd-search-box__all");
      var count = search.results.length;
      var link = element("a", "", count ? "Xem tất cả " + count + " kết quả" : "Không tìm thấy kết quả nào");
      link.href = form.action + "?q=" + encodeURIComponent(input.value.trim());
      all.appendChild(link);
      list.appendChild(all);
      list.hidden = false;
      status.textContent = count ? count + " kết quả, " + rows.length + " gợi ý bên dưới" : "Không tìm thấy kết quả nào";
    }

    function run() {
      var query = prepare(input.value);
      var ticket = ++latest;
      if (!query) { close(); return; }
      pagefind().then(function (pf) { return pf.debouncedSearch(query, {}, 150); }).then(function (search) {
        if (!search || ticket !== latest) return null;
        return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (rows) {
          if (ticket === latest) show(search, rows);
        });
      });
    }

    input.addEventListener("input", run);
    box.addEventListener("keydown", function (event) {
      var inList = list.contains(event.target);
      if (event.key === "ArrowDown" && list.hidden && event.target === input) { event.preventDefault(); run(); }
      else if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); move(inList ? event.target : null, 1); }
      else if (event.key === "ArrowUp" && inList) { event.preventDefault(); move(event.target, -1); }
      else if (event.key === "Escape" && !list.hidden) { event.preventDefault(); close(); input.focus(); }
    });
    // The list closes when the focus or a click goes elsewhere.
    box.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) close(); });
  }

  /* --- The search page ------------------------------------------------------------------- */

  function setupPage(page) {
    var form = page.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var sort = form.querySelector("select[name=sap_xep]");
    var facets = page.querySelector(".vd-facets");
    var status = page.querySelector(".vd-results__status");
    var list = page.querySelector(".vd-results__list");
    var more = page.querySelector(".vd-results__more");
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    var results = [];
    var shown = 0;
    var latest = 0;
    var facetsWanted = false;

    input.value = params.get("q") || "";
    sort.value = SORTS[params.get("sap_xep")] ? params.get("sap_xep") : "";
    FACETS.forEach(function (facet) { chosen[facet[0]] = params.getAll(facet[0]); });

    function remember() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      if (sort.value) next.set("sap_xep", sort.value);
      FACETS.forEach(function (facet) { chosen[facet[0]].forEach(function (v) { next.append(facet[0], v); }); });
      var query = next.toString();
      history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    }

    /* Redrawing the facets must not drop a keyboard user's focus: it goes back to the same
       option, or to the first one when the option is gone or "Lọc kết quả" was pressed. */
    function focusedFacet() {
      var focused = facets.contains(document.activeElement) ? document.activeElement : null;
      return focused && (focused.name ? focused.name + "=" + focused.value : "first");
    }

    function refocusFacet(wanted) {
      if (!wanted) return;
      var boxes = Array.prototype.slice.call(facets.querySelectorAll("input"));
      var same = boxes.filter(function (b) { return b.name + "=" + b.value === wanted; })[0];
      if (same || boxes[0]) (same || boxes[0]).focus();
    }

    function drawFacets(all, remaining) {
      var wanted = focusedFacet();
      facets.textContent = "";
      FACETS.forEach(function (facet) {
        var key = facet[0];
        var values = Object.keys(all[key] || {});
        if (!values.length) return;
        values.sort(function (a, b) {
          return key === "nam" ? b.localeCompare(a) : a.localeCompare(b, "vi");
        });
        var group = element("fieldset", "vd-facet");
        group.appendChild(element("legend", "", facet[1]));
        var before = group.childNodes.length;
        values.forEach(function (value) {
          var count = remaining && remaining[key] ? remaining[key][value] || 0 : all[key][value];
          var checked = chosen[key].indexOf(value) >= 0;
          if (!count && !checked) return;     // an option that would empty the list is left out
          var label = element("label", "vd-facet__option");
          var box = element("input");
          box.type = "checkbox";
          box.name = key;
          box.value = value;
          box.checked = checked;
          box.addEventListener("change", function () {
            chosen[key] = Array.prototype.map.call(
              facets.querySelectorAll("input[name=" + key + "]:checked"), function (b) { return b.value; });
            update();
          });
          label.appendChild(box);
          label.appendChild(element("span", "", " " + value + " "));
          label.appendChild(element("span", "vd-facet__count", String(count)));
          group.appendChild(label);
        });
        if (group.childNodes.length > before) facets.appendChild(group);
      });
      refocusFacet(wanted);
    }

    function showMore() {
      var next = results.slice(shown, shown + PAGE_SIZE);
      var first = shown;
      var fromButton = document.activeElement === more;   // "Xem thêm": focus the first new result
      shown += next.length;
      more.hidden = shown >= results.length;
      // Fetch the fragments together, show each as soon as those before it are shown.
      return next.map(function (r) { return r.data(); }).reduce(function (done, fetching) {
        return done.then(function () { return fetching; }).then(function (row) {
          var item = list.appendChild(resultItem(row, true));
          if (fromButton && list.children.length === first + 1) item.querySelector("a").focus();
        });
      }, Promise.resolve());
    }

    function update() {
      remember();
      var ticket = ++latest;
      page.removeAttribute("data-state");
      var filters = {};
      FACETS.forEach(function (facet) { if (chosen[facet[0]].length) filters[facet[0]] = { any: chosen[facet[0]] }; });
      var query = prepare(input.value);
      var options = { filters: filters };
      if (SORTS[sort.value]) options.sort = SORTS[sort.value];
      if (!query && !Object.keys(filters).length && !options.sort) {
        list.textContent = "";
        more.hidden = true;
        status.textContent = "Gõ tên, đơn vị, danh hiệu… hoặc chọn bộ lọc bên cạnh.";
        return pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
          if (ticket === latest) { drawFacets(all, null); page.setAttribute("data-state", "done"); }
        });
      }
      status.textContent = "Đang tìm…";
      // Facets cost a download of their own: they load with the first filter, when browsing
      // without words, or when asked for ("Lọc kết quả").
      var withFacets = facetsWanted || Object.keys(filters).length > 0 || !query;
      return pagefind().then(function (pf) {
        // Filters first: a search only counts what is left per facet once they are loaded.
        var ready = withFacets ? pf.filters() : Promise.resolve(null);
        return ready.then(function (all) {
          return pf.search(query, options).then(function (search) { return [search, all]; });
        });
      }).then(function (found) {
        if (ticket !== latest) return null;
        var search = found[0];
        results = search.results;
        shown = 0;
        list.textContent = "";
        status.textContent = results.length ? results.length + " kết quả" : "Không tìm thấy kết quả nào.";
        if (found[1]) drawFacets(found[1], search.filters);
        else offerFacets();
        return showMore().then(function () {
          if (ticket === latest) page.setAttribute("data-state", "done");   // for tests and scripts
        });
      });
    }

    function offerFacets() {
      facets.textContent = "";
      var button = element("button", "md-button vd-facets__open", "Lọc kết quả: loại, đơn vị, năm, danh hiệu…");
      button.type = "button";
      button.addEventListener("click", function () { facetsWanted = true; update(); });
      facets.appendChild(button);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    input.addEventListener("input", function () { update(); });
    sort.addEventListener("change", function () { update(); });
    more.addEventListener("click", function () { showMore(); });
    update().catch(function () {
      status.textContent = "Không tải được bộ tìm kiếm. Hãy tải lại trang.";
    });
  }

  function start() {
    var box = document.querySelector(".vd-search-box");
    if (box) setupBox(box);
    var page = document.getElementById("vd-search-page");
    if (page) setupPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
