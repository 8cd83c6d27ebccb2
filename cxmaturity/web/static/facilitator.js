// The projector page: polls the live figures and redraws the tables in place.
// Text goes in with textContent only, so nothing a respondent typed becomes markup.
"use strict";

(function () {
  const full = document.getElementById("fullscreen");
  if (full && document.documentElement.requestFullscreen) {
    full.addEventListener("click", function () {
      document.documentElement.requestFullscreen().catch(function () {});
    });
  }
  const live = document.getElementById("live");
  if (!live) return;
  const source = live.dataset.source;
  let version = live.dataset.version;
  const POLL_MS = 1500;
  // The page's own language: every word the script writes comes from the page.
  const words = live.dataset;
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function people(rows) {
    const body = document.querySelector("#people tbody");
    body.replaceChildren();
    if (!rows.length) {
      const tr = el("tr");
      const td = el("td", words.nobody, "empty");
      td.colSpan = 3;
      tr.append(td);
      body.append(tr);
      return;
    }
    for (const row of rows) {
      const tr = el("tr");
      const th = el("th", row.department);
      th.scope = "row";
      tr.append(th, el("td", row.joined), el("td", row.finished));
      body.append(tr);
    }
  }

  function cell(data) {
    const td = el("td", data.score === null ? "–" : data.score, "s" + data.stage);
    if (data.label) td.append(" ", el("span", data.label, "label"));
    return td;
  }

  function heatmap(data) {
    const body = document.querySelector("#heatmap tbody");
    body.replaceChildren();
    if (!data.rows.length) {
      const tr = el("tr");
      const td = el("td", words.noAnswers, "empty");
      td.colSpan = data.dimensions.length + 2;
      tr.append(td);
      body.append(tr);
      return;
    }
    for (const row of data.rows) {
      const tr = el("tr");
      const th = el("th", row.name + " ");
      th.scope = "row";
      th.append(el("span", "(" + row.respondents + ")", "n"));
      tr.append(th);
      for (const c of row.cells) tr.append(cell(c));
      tr.append(cell(row.overall));
      body.append(tr);
    }
  }

  function disagreements(items) {
    const list = document.getElementById("disagreements");
    list.replaceChildren();
    if (!items.length) {
      list.append(el("li", words.noSplit, "empty"));
      return;
    }
    for (const item of items) {
      const li = el("li");
      li.append(el("span", item.question, "q"), " ",
        el("span", fill(words.apart, { department: item.department, spread: item.spread }), "meta"));
      if (item.fact) li.append(" ", el("strong", words.fact, "fact"));
      list.append(li);
    }
  }

  function status(data, ok) {
    const node = document.getElementById("status");
    const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    let text = data && !data.joining_open ? words.closed + " " : "";
    text += ok ? fill(words.updated, { time: time }) : words.lost;
    if (data && data.problem) text += " " + data.problem;
    node.textContent = text;
  }

  async function poll() {
    try {
      const reply = await fetch(source, { cache: "no-store", credentials: "same-origin" });
      if (!reply.ok) throw new Error(String(reply.status));
      const data = await reply.json();
      if (String(data.version) !== version) {
        version = String(data.version);
        live.dataset.version = version;
        people(data.people);
        heatmap(data);
        disagreements(data.disagreements);
      }
      status(data, true);
    } catch (err) {
      status(null, false);
    }
    window.setTimeout(poll, POLL_MS);
  }

  const end = document.getElementById("end-form");
  if (end) {
    end.addEventListener("submit", function (event) {
      if (!window.confirm(end.dataset.confirm)) event.preventDefault();
    });
  }
  window.setTimeout(poll, POLL_MS);
})();
