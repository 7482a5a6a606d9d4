// vinhdanh's additions to Decap CMS: started by hand after its bundle loads, so that the
// Vietnamese wording, the file names of new records and the list of problems are ours.
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  var API = "/api/v1";

  // Decap's Vietnamese locale, completed where it is still English and reworded where the press
  // team would be misled ("Công bố" on a button that only saves: the site is built by `make site`).
  var PHRASES = {
    collection: {
      collectionTop: { viewAs: "Xem dạng", viewAsList: "Danh sách", viewAsGrid: "Lưới",
                       newButton: "Thêm %{collectionLabel}", groupBy: "Nhóm theo" },
      groups: { other: "Khác", negateLabel: "Không %{label}" },
    },
    editor: {
      editorInterface: { togglePreview: "Bật/tắt xem trước", toggleScrollSync: "Cuộn cùng nhau" },
      editorToolbar: {
        publish: "Lưu", publishing: "Đang lưu…", published: "Đã lưu",
        publishNow: "Lưu ngay", publishAndCreateNew: "Lưu và thêm mục mới", publishAndDuplicate: "Lưu và sao chép",
        deletePublishedEntry: "Xoá mục này", deployButtonLabel: "Xem trên bản xem trước",
      },
      editorWidgets: {
        markdown: { bold: "Đậm", italic: "Nghiêng", strikethrough: "Gạch ngang", code: "Mã", link: "Liên kết",
                    linkPrompt: "Địa chỉ của liên kết", headings: "Tiêu đề mục", quote: "Trích dẫn",
                    bulletedList: "Danh sách", numberedList: "Danh sách đánh số", addComponent: "Chèn ảnh",
                    markdown: "Markdown", toggleMode: { rich: "Soạn thảo thường", markdown: "Soạn Markdown" } },
        image: { chooseMultiple: "Chọn ảnh", addMore: "Thêm ảnh", removeAll: "Bỏ hết ảnh" },
        file: { chooseMultiple: "Chọn tệp", addMore: "Thêm tệp", removeAll: "Bỏ hết tệp" },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Sao chép", copyUrl: "Sao chép địa chỉ", copyPath: "Sao chép đường dẫn",
                          copyName: "Sao chép tên", copied: "Đã sao chép" },
      mediaLibraryModal: { close: "Đóng" },
    },
    // Decap would print its error objects here ("API_ERROR: …"); the reasons are in the panel instead.
    ui: { toast: {
      onFailToPersist: "Chưa lưu: xem lý do trong khung đỏ.",
      onFailToDelete: "Chưa xoá: xem lý do trong khung đỏ.",
      onFailToLoadEntries: "Chưa tải được danh sách: xem lý do trong khung đỏ.",
      onFailToLoadDeployPreview: "Chưa mở được bản xem trước.",
      onFailToUpdateStatus: "Chưa cập nhật được: xem lý do trong khung đỏ.",
      onFailToPublishEntry: "Chưa lưu: xem lý do trong khung đỏ.",
      onFailToUnpublishEntry: "Chưa lưu: xem lý do trong khung đỏ.",
      onFailToAuth: "Chưa vào được trình biên tập.",
      onBackendDown: "Máy chủ biên tập không trả lời.",
      entrySaved: "Đã lưu. Bản xem trước cập nhật sau vài giây.",
      missingRequiredField: "Còn thông tin bắt buộc chưa điền: xem các ô báo đỏ.",
    } },
  };

  function merge(target, extra) {
    Object.keys(extra).forEach(function (key) {
      if (extra[key] && typeof extra[key] === "object") {
        target[key] = merge(Object.assign({}, target[key] || {}), extra[key]);
      } else {
        target[key] = extra[key];
      }
    });
    return target;
  }

  // Who saves, and from which tab: the server writes the name into each commit, and follows a tab's own
  // saves so that saving a form twice is not taken for someone else's change.
  var OFFICER_KEY = "vinhdanh-officer";
  var TAB = (window.crypto && window.crypto.randomUUID) ? window.crypto.randomUUID()
    : String(Math.random()).slice(2) + String(Date.now());

  function officer() { return window.localStorage.getItem(OFFICER_KEY) || ""; }

  function ours(url) { return url.indexOf(API) !== -1 || url.indexOf("/admin/api/") !== -1; }

  function withHeaders(init) {
    var headers = new Headers((init && init.headers) || {});
    headers.set("X-Vinhdanh-Tab", TAB);
    headers.set("X-Vinhdanh-Officer", encodeURIComponent(officer()));
    return Object.assign({}, init || {}, { headers: headers });
  }

  // A new record's file name comes from its name, as `vinhdanh new` makes it (ASCII, đ → d, unique).
  function newId(entry) {
    var collection = entry.get("collection");
    var data = entry.get("data");
    var body = { collection: collection, name: data.get("name") || "", title: data.get("title") || "",
                 date: String(data.get("date") || "") };
    return window.fetch("/admin/api/new-id", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw problem(json.error); }
        return data.set("vinhdanh_id", json.id);
      });
    });
  }

  // As the server's search key: no marks, đ → d, lower case.
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  // An error Decap prints as it is ("Error: …" would show the JavaScript type).
  function problem(message) {
    var error = new Error(message);
    error.toString = function () { return message; };
    return error;
  }

  var shownAt = 0;
  var NOTES_KEY = "vinhdanh-notes";

  function panel(title, items, warning) {
    shownAt = Date.now();
    var old = document.getElementById("vinhdanh-problems");
    if (old) { old.remove(); }
    if (!items.length) { return; }
    var box = document.createElement("section");
    box.id = "vinhdanh-problems";
    box.setAttribute("role", "alert");
    if (warning) { box.className = "vinhdanh-warnings"; }
    var heading = document.createElement("h2");
    heading.textContent = title;
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      if (item.label) {
        var field = document.createElement("span");
        field.className = "vinhdanh-field";
        field.textContent = item.label + ": ";
        li.appendChild(field);
      }
      li.appendChild(document.createTextNode(item.message));
      list.appendChild(li);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Đóng");
    close.textContent = "×";
    close.addEventListener("click", function () { box.remove(); });
    box.append(close, heading, list);
    document.body.appendChild(box);
  }

  // Decap asks "x.jpg already exists. Do you want to replace it?", in English, then deletes the photo
  // that has the name, whoever it belongs to. Here the question is in Vietnamese and nothing is deleted:
  // the server saves the new photo under a free name.
  var keptPhotos = {};
  var realConfirm = window.confirm.bind(window);
  window.confirm = function (message) {
    var exists = /^(.+) already exists\. Do you want to replace it\?$/.exec(String(message));
    if (!exists) { return realConfirm(message); }
    var ok = realConfirm("Đã có ảnh tên “" + exists[1] + "”. Ảnh đó được giữ nguyên; ảnh bạn chọn sẽ được lưu "
                         + "với tên mới. Tiếp tục?");
    if (ok) { keptPhotos[exists[1].toLowerCase()] = true; }
    return ok;
  };

  function keptPhoto(body) {
    var paths = (body.params && (body.params.paths || [body.params.path])) || [];
    var name = String(paths[0] || "").split("/").pop().toLowerCase();
    if (String(body.action).indexOf("delete") !== 0 || paths.length !== 1 || !keptPhotos[name]) { return false; }
    delete keptPhotos[name];
    return true;
  }

  // Every request to the server carries who sends it; every answer with problems is listed in the panel.
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = String((input && input.url) || input);
    if (!ours(url)) { return realFetch(input, init); }
    var body = {};
    try { body = JSON.parse((init && init.body) || "{}"); } catch (e) { /* not JSON */ }
    if (keptPhoto(body)) {
      return Promise.resolve(new Response('{"message": "Ảnh cũ được giữ nguyên"}',
                                          { headers: { "Content-Type": "application/json" } }));
    }
    var saving = /^(persist|delete)/.test(body.action || "");
    return realFetch(input, withHeaders(init)).then(function (response) {
      response.clone().json().then(function (json) {
        var report = (json && json.vinhdanh) || {};
        if (!response.ok) {
          panel(report.title || "Chưa làm được", report.errors || [{ label: "", message: json.error || "" }], false);
        } else if (report.warnings && report.warnings.length) {
          panel(report.title, report.warnings, true);
        } else if (saving) {
          panel("", [], false);
        }
        if (report.reload) {  // a photo was saved under another name: show the form as it was saved
          window.sessionStorage.setItem(NOTES_KEY, JSON.stringify(report));
          window.setTimeout(function () { window.location.reload(); }, 1500);
        }
      }).catch(function () { /* not JSON */ });
      return response;
    }, function (error) {
      panel("Không kết nối được với máy chủ biên tập", [{ label: "", message:
        "Cửa sổ lệnh chạy make edit còn mở không? Hãy chạy lại rồi mở địa chỉ nó in ra." }], false);
      throw error;
    });
  };

  // A date typed that does not exist (30/02) empties the date field, and Decap would save it so, losing the
  // date that was there. Such a field is marked as it is typed, and a save is stopped while one is marked.
  var DATES = "input[type=date], input[type=datetime-local]";
  var impossible = {};

  function fieldLabel(input) {
    var label = document.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.replace(/\(không bắt buộc\)/, "").trim() : "Ngày";
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(DATES)) { return; }
    var note = document.getElementById(input.id + "-vinhdanh");
    if (input.validity.badInput) {
      impossible[input.id] = fieldLabel(input);
      if (!note) {
        note = document.createElement("p");
        note.id = input.id + "-vinhdanh";
        note.className = "vinhdanh-bad-date";
        note.setAttribute("role", "alert");
        note.textContent = "Ngày này không có thật hoặc chưa ghi đủ; hãy sửa lại (ngày/tháng/năm).";
        input.parentNode.insertBefore(note, input.nextSibling);
      }
    } else {
      delete impossible[input.id];
      if (note) { note.remove(); }
    }
  }, true);  // before Decap sees the event and empties the field

  function impossibleDates() {
    return Object.keys(impossible).filter(function (id) { return document.getElementById(id); })
      .map(function (id) {
        return { label: impossible[id], message: "ngày này không có thật hoặc chưa ghi đủ; hãy sửa lại (ngày/tháng/năm)" };
      });
  }

  // The search box's text loses its marks as Enter is pressed, before Decap reads it, so that the search is
  // made once (the address's rewrite below would make it twice).
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches || !input.matches("input[class*='SearchInput']")) { return; }
    var folded = fold(input.value);
    if (folded !== input.value) {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, folded);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, true);

  // Decap's own messages that its Vietnamese locale cannot reach.
  var ENGLISH = [[/^Failed to persist media/, "Chưa tải ảnh lên: xem lý do trong khung đỏ."],
                 [/^Failed to delete media/, "Chưa xoá ảnh: xem lý do trong khung đỏ."],
                 [/^Failed to load media/, "Chưa tải được thư viện ảnh."]];
  function translate(node) {
    if (String(node.textContent).indexOf("Failed to") === -1) { return; }  // most nodes: a list's 3,000 cards
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (var text = walker.nextNode(); text; text = walker.nextNode()) {
      ENGLISH.forEach(function (rule) {
        if (rule[0].test(text.nodeValue)) { text.nodeValue = rule[1]; }
      });
    }
  }

  // The officer's name, asked once on this computer: it signs each commit of a save.
  function askName(done) {
    if (officer()) { done(); return; }
    var form = document.createElement("form");
    form.id = "vinhdanh-officer";
    form.innerHTML = '<h1>Trình biên tập điển hình tiên tiến</h1>'
      + '<label for="vinhdanh-officer-name">Họ và tên người biên tập</label>'
      + '<input id="vinhdanh-officer-name" name="officer" required maxlength="60" autocomplete="name">'
      + '<p>Tên được ghi vào lịch sử mỗi lần lưu.</p><button type="submit">Vào trình biên tập</button>';
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = form.elements.officer.value.trim();
      if (!name) { return; }
      window.localStorage.setItem(OFFICER_KEY, name);
      form.remove();
      done();
    });
    document.body.appendChild(form);
    form.elements.officer.focus();
  }

  // A photo in a story: the caption under it, and who took it ("Ảnh: …"), as the site shows them.
  var IMAGE = /^!\[([^\]]*)\]\(([^)\s]+)(?:\s+"(?:Ảnh:\s*)?([^"]*)")?\)$/;
  var imageComponent = {
    id: "image",
    label: "Ảnh",
    fields: [
      { name: "image", label: "Ảnh", widget: "image", choose_url: false },
      { name: "alt", label: "Chú thích ảnh", widget: "string", required: false },
      { name: "credit", label: "Tác giả ảnh", widget: "string", required: false },
    ],
    pattern: IMAGE,
    fromBlock: function (match) { return { image: match[2], alt: match[1], credit: match[3] || "" }; },
    toBlock: function (data) {
      var credit = data.credit ? ' "Ảnh: ' + data.credit.replace(/"/g, "”") + '"' : "";
      return "![" + (data.alt || "").replace(/[[\]]/g, "") + "](" + (data.image || "") + credit + ")";
    },
    toPreview: function (data, getAsset) {
      return '<img src="' + getAsset(data.image) + '" alt="' + (data.alt || "") + '">';
    },
  };

  // The list belongs to the form it was made for (a new record's form moves to its own address once saved).
  // A search is made without marks, as the site's own: "Hòa" finds Hoà, Hòa and Hoa alike, in the unmarked
  // text the server sends first in each record (Decap's greedy match would otherwise stop at "ò").
  window.addEventListener("hashchange", function () {
    if (Date.now() - shownAt > 3000) { panel("", [], false); }
    var search = /^(#.*\/search\/)([^/]+)$/.exec(window.location.hash);
    if (search) {
      var folded = encodeURIComponent(fold(decodeURIComponent(search[2])));
      if (folded !== search[2]) { window.location.replace(search[1] + folded); }
    }
  });

  window.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { change.addedNodes.forEach(translate); });
    }).observe(document.body, { childList: true, subtree: true });
    askName(start);
    var notes = JSON.parse(window.sessionStorage.getItem(NOTES_KEY) || "null");
    if (notes) {  // what the last save said before the page was reloaded
      window.sessionStorage.removeItem(NOTES_KEY);
      panel(notes.title, notes.warnings || [], true);
    }
  });

  // Decap's local backend gives the list a folder's every entry at once, and the list draws a row
  // for each: at 3,000 people the first names took 3 s to show. This backend is that one, except
  // that the list gets its entries a page at a time (more as the officer scrolls down); search,
  // sorting and the pickers still read every entry, in one request.
  var PAGE_SIZE = 100;
  // Decap reads a page's cursor from the list under a private symbol of its own, known by its description.
  var CURSOR_KEY = "cursor key for compatibility with old backends";

  function PagedBackend(config, options) {
    var proxy = window.CMS.getBackend("proxy").init(config, options);
    var listed = {};  // the entries of each folder, as the list last read them

    function cursorAt(key, number) {
      var count = listed[key].length;
      var pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
      return { actions: number < pages ? ["next"] : [], data: { key: key, page: number },
               meta: { page: number, count: count, pageSize: PAGE_SIZE, pageCount: pages } };
    }

    function page(key, number) {
      return listed[key].slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
    }

    var paged = {
      entriesByFolder: function (folder, extension, depth) {
        var key = JSON.stringify([folder, extension, depth]);
        return proxy.entriesByFolder(folder, extension, depth).then(function (entries) {
          listed[key] = entries;
          var first = cursorAt(key, 1);
          return new Proxy(page(key, 1), {
            get: function (target, name) {
              return typeof name === "symbol" && name.description === CURSOR_KEY ? first : target[name];
            },
          });
        });
      },
      allEntriesByFolder: function (folder, extension, depth) {
        return proxy.entriesByFolder(folder, extension, depth);
      },
      traverseCursor: function (current, action) {
        var key = current.data.get("key");
        var number = action === "next" ? current.data.get("page") + 1 : 1;
        return Promise.resolve({ entries: page(key, number), cursor: cursorAt(key, number) });
      },
    };
    return new Proxy(proxy, {
      get: function (target, name) {
        if (Object.prototype.hasOwnProperty.call(paged, name)) { return paged[name]; }
        var value = target[name];
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  function start() {
    var CMS = window.CMS;
    CMS.registerBackend("vinhdanh", PagedBackend);
    CMS.registerLocale("vi", merge(JSON.parse(JSON.stringify(CMS.getLocale("vi"))), PHRASES));
    CMS.registerEditorComponent(imageComponent);
    // Decap's side preview of a story: photos at a readable size, in the system's font.
    CMS.registerPreviewStyle("body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1rem; } "
                             + "img { max-width: 100%; max-height: 60vh; }", { raw: true });
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var dates = impossibleDates();
        if (dates.length) {
          panel("Chưa lưu: hãy sửa rồi lưu lại", dates, false);
          throw problem("Có ngày không hợp lệ");
        }
        if (!event.entry.get("newRecord")) { return undefined; }
        // A new record: its file name, and the identifier Decap requires (the server sends it for the others).
        return newId(event.entry).then(function (data) {
          return data.set("vinhdanh_search", fold(data.get("name") || data.get("title") || ""));
        });
      },
    });
    CMS.init();
  }
})();
