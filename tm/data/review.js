// tmkit review page (tm/reviewpage.py): filter, keyboard navigation, corrections and their
// export. Text is only ever read (textContent) and moved as nodes, never parsed as markup.
(function () {
  "use strict";
  var body = document.body;
  var documentId = body.getAttribute("data-document");
  var correctable = body.getAttribute("data-correctable") === "yes";
  var filter = document.getElementById("filter");
  var current = null;

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.bead")); }
  function needsAttention(row) {
    return row.classList.contains("flagged") || row.classList.contains("has-findings");
  }
  function shown(row, mode) {
    if (mode === "flagged") { return row.classList.contains("flagged"); }
    if (mode === "findings") { return row.classList.contains("has-findings"); }
    if (mode === "attention") { return needsAttention(row); }
    return true;
  }
  function applyFilter() {
    var mode = filter.value;
    rows().forEach(function (row) { row.hidden = !shown(row, mode); });
    if (current && current.hidden) { setCurrent(null); }
  }
  function setCurrent(row) {
    if (current) { current.classList.remove("current"); }
    current = row;
    if (row) {
      row.classList.add("current");
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "center" });
    }
  }
  // the next (step 1) or previous (-1) row shown after the current one that passes test
  function step(direction, test) {
    var all = rows().filter(function (row) { return !row.hidden && (!test || test(row)); });
    if (!all.length) { return; }
    var everyRow = rows();
    var at = current ? everyRow.indexOf(current) : (direction > 0 ? -1 : everyRow.length);
    var found = null;
    all.forEach(function (row) {
      var index = everyRow.indexOf(row);
      if (direction > 0 && index > at && !found) { found = row; }
      if (direction < 0 && index < at) { found = row; }
    });
    if (found) { setCurrent(found); }
  }

  filter.addEventListener("change", applyFilter);
  document.addEventListener("click", function (event) {
    var row = event.target.closest ? event.target.closest("tr.bead") : null;
    if (row && current !== row) {
      if (current) { current.classList.remove("current"); }
      current = row;
      row.classList.add("current");
    }
  });
  function fromHash() {
    var row = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (row && row.classList.contains("bead")) {
      if (row.hidden) { filter.value = "all"; applyFilter(); }
      setCurrent(row);
    }
  }
  window.addEventListener("hashchange", fromHash);

  // ---- corrections -------------------------------------------------------------------
  function segmentsOf(cell) {
    return Array.prototype.slice.call(cell.querySelectorAll("span.segment"));
  }
  // a cell's segments as units: the node holding a segment, what stands before it (a
  // footnote's number) and the note references after it; the spaces between are remade
  function units(cell) {
    var out = [], pending = [];
    Array.prototype.slice.call(cell.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && node.classList.contains("space")) { return; }
      var holds = node.nodeType === 1 &&
        (node.classList.contains("segment") || node.querySelector("span.segment"));
      if (holds) { out.push(pending.concat([node])); pending = []; }
      else if (node.nodeType === 1 && node.classList.contains("ref") && out.length) {
        out[out.length - 1].push(node);
      } else { pending.push(node); }
    });
    if (pending.length && out.length) { out[out.length - 1] = out[out.length - 1].concat(pending); }
    return out;
  }
  function render(cell, list) {
    while (cell.firstChild) { cell.removeChild(cell.firstChild); }
    list.forEach(function (unit, index) {
      if (index) {
        var space = document.createElement("span");
        space.className = "space";
        space.textContent = " ";
        cell.appendChild(space);
      }
      unit.forEach(function (node) { cell.appendChild(node); });
    });
  }
  function side(row, language) { return row.querySelector("td.side." + language); }
  function neighbour(row, direction) {
    var other = direction > 0 ? row.nextElementSibling : row.previousElementSibling;
    if (!other || !other.classList.contains("bead")) { return null; }
    return other.getAttribute("data-part") === row.getAttribute("data-part") ? other : null;
  }
  function updateShape(row) {
    row.querySelector(".shape").textContent =
      segmentsOf(side(row, "fa")).length + "-" + segmentsOf(side(row, "en")).length;
  }
  function setStatus(row, status) {
    ["confirmed", "wrong", "edited"].forEach(function (name) {
      row.classList.remove("status-" + name);
    });
    var label = row.querySelector("td.actions .status");
    if (status) {
      row.setAttribute("data-status", status);
      row.classList.add("status-" + status);
      label.textContent = status;
    } else {
      row.removeAttribute("data-status");
      label.textContent = "";
    }
    counted();
  }
  function toggle(row, status) {
    setStatus(row, row.getAttribute("data-status") === status ? "" : status);
  }
  function merge(row) {
    var next = neighbour(row, 1);
    if (!next) { return; }
    ["fa", "en"].forEach(function (language) {
      render(side(row, language), units(side(row, language)).concat(units(side(next, language))));
    });
    if (current === next) { setCurrent(row); }
    next.parentNode.removeChild(next);
    updateShape(row);
    setStatus(row, "edited");
  }
  // move the first (direction -1: to the previous bead) or last (1: to the next) segment of
  // one side of row to the neighbouring bead
  function move(row, language, direction) {
    var other = neighbour(row, direction);
    var mine = units(side(row, language));
    if (!other || !mine.length) { return; }
    var theirs = units(side(other, language));
    var unit = direction > 0 ? mine.pop() : mine.shift();
    if (direction > 0) { theirs.unshift(unit); } else { theirs.push(unit); }
    render(side(row, language), mine);
    render(side(other, language), theirs);
    updateShape(row);
    updateShape(other);
    setStatus(other, "edited");
    if (!segmentsOf(side(row, "fa")).length && !segmentsOf(side(row, "en")).length) {
      if (current === row) { setCurrent(other); }
      row.parentNode.removeChild(row);
      counted();
    } else {
      setStatus(row, "edited");
    }
  }
  function button(text, title, action) {
    var made = document.createElement("button");
    made.type = "button";
    made.textContent = text;
    made.title = title;
    made.setAttribute("data-action", action);
    return made;
  }
  function corrections() {
    return rows().filter(function (row) { return row.hasAttribute("data-status"); })
      .map(function (row) {
        function listed(language) {
          return segmentsOf(side(row, language)).map(function (span) {
            // data-text: the exact text where tokens stand for codes or bidi controls
            var text = span.hasAttribute("data-text") ? span.getAttribute("data-text") : span.textContent;
            return { index: Number(span.getAttribute("data-i")), text: text };
          });
        }
        return { status: row.getAttribute("data-status"), source: listed("fa"), target: listed("en") };
      });
  }
  function counted() {
    var count = corrections().length;
    document.getElementById("corrections").textContent =
      count ? count + (count === 1 ? " bead corrected" : " beads corrected") : "no corrections yet";
    document.getElementById("export").disabled = !count;
  }
  function exportCorrections() {
    var data = { tmkit: "review", format: 1, document: documentId, beads: corrections() };
    var blob = new Blob([JSON.stringify(data, null, 1) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = documentId + ".corrections.json";
    document.body.appendChild(link);
    link.click();
    link.parentNode.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }
  function act(row, action) {
    if (!row) { return; }
    if (action === "confirm") { toggle(row, "confirmed"); }
    else if (action === "wrong") { toggle(row, "wrong"); }
    else if (action === "merge") { merge(row); }
    else if (action === "fa-up") { move(row, "fa", -1); }
    else if (action === "fa-down") { move(row, "fa", 1); }
    else if (action === "en-up") { move(row, "en", -1); }
    else if (action === "en-down") { move(row, "en", 1); }
  }
  if (correctable) {
    rows().forEach(function (row) {
      var cell = row.querySelector("td.actions");
      var status = document.createElement("span");
      status.className = "status";
      cell.appendChild(status);
      cell.appendChild(button("✓", "confirm: the bead is right (c)", "confirm"));
      cell.appendChild(button("✗", "mark wrong: the pairing is wrong (w)", "wrong"));
      cell.appendChild(button("⤓", "merge with the next bead (m)", "merge"));
      cell.appendChild(button("fa↑", "move the first Persian sentence to the previous bead", "fa-up"));
      cell.appendChild(button("fa↓", "move the last Persian sentence to the next bead", "fa-down"));
      cell.appendChild(button("en↑", "move the first English sentence to the previous bead", "en-up"));
      cell.appendChild(button("en↓", "move the last English sentence to the next bead", "en-down"));
    });
    document.getElementById("beads").addEventListener("click", function (event) {
      var target = event.target;
      if (target.tagName === "BUTTON" && target.hasAttribute("data-action")) {
        act(target.closest("tr.bead"), target.getAttribute("data-action"));
      }
    });
    document.getElementById("export").addEventListener("click", exportCorrections);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") { return; }
    var key = event.key;
    if (key === "j") { step(1); }
    else if (key === "k") { step(-1); }
    else if (key === "n") { step(1, needsAttention); }
    else if (key === "p") { step(-1, needsAttention); }
    else if (correctable && key === "c") { act(current, "confirm"); }
    else if (correctable && key === "w") { act(current, "wrong"); }
    else if (correctable && key === "m") { act(current, "merge"); }
    else { return; }
    event.preventDefault();
  });
  applyFilter();
  fromHash();
})();
