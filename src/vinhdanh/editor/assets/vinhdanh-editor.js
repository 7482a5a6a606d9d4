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
    ui: { toast: {
      onFailToPersist: "Chưa lưu: %{details}",
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
        if (!response.ok) { throw new Error(json.error); }
        return data.set("vinhdanh_id", json.id);
      });
    });
  }

  function panel(title, items, warning) {
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

  // The server checks each save by the rules of `vinhdanh check`; show what it found.
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = realFetch(input, init);
    var url = String((input && input.url) || input);
    var action = "";
    try { action = JSON.parse((init && init.body) || "{}").action || ""; } catch (e) { /* not JSON */ }
    if (url.indexOf(API) === -1 || !/^(persist|delete)/.test(action)) { return request; }
    return request.then(function (response) {
      response.clone().json().then(function (json) {
        var report = json.vinhdanh || {};
        if (report.errors && report.errors.length) {
          panel(report.title, report.errors, false);
        } else if (report.warnings && report.warnings.length) {
          panel(report.title, report.warnings, true);
        } else {
          panel("", [], false);
        }
      }).catch(function () { /* not ours */ });
      return response;
    });
  };

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

  // The list belongs to the form it was made for.
  window.addEventListener("hashchange", function () { panel("", [], false); });

  window.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    CMS.registerLocale("vi", merge(JSON.parse(JSON.stringify(CMS.getLocale("vi"))), PHRASES));
    CMS.registerEditorComponent(imageComponent);
    // Decap's side preview of a story: photos at a readable size, in the system's font.
    CMS.registerPreviewStyle("body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1rem; } "
                             + "img { max-width: 100%; max-height: 60vh; }", { raw: true });
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        return event.entry.get("newRecord") ? newId(event.entry) : undefined;
      },
    });
    CMS.init();
  });
})();
