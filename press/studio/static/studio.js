// The studio's own script (no inline script anywhere: the Content-Security-Policy forbids it).
// Lists: add, remove and move items, their inputs renamed to their new places.
// Kinds: show the fields of the chosen kind, the others left out of what is sent.
// A field named in the address: focused. (No style is set from here: the policy allows none.)
(function () {
  "use strict";

  function renumber(list) {
    const base = list.dataset.list;
    const items = list.querySelectorAll(":scope > ol.items > li[data-item]");
    items.forEach(function (item, index) {
      item.querySelectorAll("[name], [id], [for], [aria-describedby], [data-list]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby", "data-list"].forEach(function (attr) {
          const value = el.getAttribute(attr);
          if (!value) return;
          const dotted = new RegExp("^(" + escape(base) + "\\.)(\\d+|__i__)(?=\\.|$)");
          const dashed = new RegExp("(" + escape(idOf(base)) + "-)(\\d+|__i__)(?=-|$)");
          let next = value.replace(dotted, "$1" + index);
          next = next.split(" ").map(function (part) { return part.replace(dashed, "$1" + index); }).join(" ");
          if (next !== value) el.setAttribute(attr, next);
        });
      });
      item.querySelectorAll("[data-list]").forEach(function (inner) { if (inner !== list) renumber(inner); });
    });
  }
  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function idOf(name) { return "f-" + name.replace(/[^A-Za-z0-9_]/g, "-"); }
  function changed(form) { document.body.dispatchEvent(new CustomEvent("studio:changed")); }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    const list = button.closest("[data-list]");
    if (button.hasAttribute("data-add") && list) {
      const template = list.querySelector(":scope > template");
      const items = list.querySelector(":scope > ol.items");
      items.appendChild(template.content.cloneNode(true));
      renumber(list);
      const added = items.lastElementChild;
      const first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      if (window.htmx) window.htmx.process(added);
      changed();
      return;
    }
    const item = button.closest("li[data-item]");
    if (!item || !list) return;
    if (button.hasAttribute("data-remove")) {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      renumber(list);
      const target = next ? next.querySelector("button") : list.querySelector("[data-add]");
      if (target) target.focus();
      changed();
    } else if (button.dataset.move === "up" && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
      renumber(list); button.focus(); changed();
    } else if (button.dataset.move === "down" && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
      renumber(list); button.focus(); changed();
    }
  });

  function showVariant(select) {
    const union = select.closest("[data-union]");
    const live = union.querySelector(":scope > [data-live]");
    const template = union.querySelector(":scope > template[data-variant='" + select.value + "']");
    if (!live || !template) return;
    live.replaceChildren(template.content.cloneNode(true));
    const list = union.closest("[data-list]");
    if (list) renumber(list);
    if (window.htmx) window.htmx.process(live);
    changed();
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-variant-choice]")) showVariant(event.target);
    const card = event.target.closest(".cards");
    if (card && event.target.type === "radio") {
      card.querySelectorAll(".card").forEach(function (c) { c.classList.toggle("chosen", c.contains(event.target) ); });
    }
  });

  function openField() {
    // The field named in the address (a problem's link, a block clicked on a page): in
    // view, its first control focused. After the page's load, when the browser has moved
    // to the address's fragment itself (which takes the focus from a group of fields).
    if (location.hash.length < 2) return;
    const target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    const input = target.matches("input, select, textarea") ? target :
      target.querySelector("input:checked:not([disabled])") ||
      target.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])");
    for (let fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
      fold.open = true;  // a folded block holding the field is unfolded
    }
    target.scrollIntoView({block: "center"});
    if (input) input.focus({preventScroll: true});
    target.classList.add("opened");
  }
  window.addEventListener("load", function () { window.setTimeout(openField, 0); });
  window.addEventListener("hashchange", openField);
  document.addEventListener("click", function (event) {  // the same field again: no hashchange
    const link = event.target.closest("a[href^='#f-']");
    if (link && link.getAttribute("href") === location.hash) window.setTimeout(openField, 0);
  });
  // A new quote: its short name proposed by the check as the speaker and words are typed,
  // written into the field unless someone has written their own there.
  function propose() {
    const said = document.getElementById("proposal");
    const input = said && said.dataset.proposal && document.getElementById(said.dataset.field);
    if (!input) return;
    if (input.value === "" || input.value === input.dataset.proposed) {
      input.value = said.dataset.proposal;
      input.dataset.proposed = said.dataset.proposal;
    }
  }
  document.addEventListener("htmx:afterSettle", propose);
  // After a check: an input whose field has an error now is marked invalid (aria-invalid,
  // its messages named by its aria-describedby), one whose error is mended no longer.
  function invalid() {
    document.querySelectorAll(".field-problems[id^='m-f-']").forEach(function (box) {
      const input = document.getElementById(box.id.slice(2));
      if (!input || !input.matches("input, select, textarea")) return;
      if (box.querySelector(".field-problem.error")) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }
  document.addEventListener("htmx:afterSettle", invalid);
  // An upload larger than the studio takes (413): its plain page is shown, not nothing.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 413) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
