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
  const stream = live.dataset.events;
  let version = live.dataset.version;
  const POLL_MS = 1500;
  // The server sends the figures at least every two seconds: this long without a word
  // means it is gone (or the network is), and the page says so.
  const SILENCE_MS = 3000;
  let heard = Date.now();
  let lost = false;
  let events = null;
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
    if (!body) return;
    body.replaceChildren();
    if (!rows.length) {
      const tr = el("tr");
      const td = el("td", words.nobody, "empty");
      td.colSpan = 4;
      tr.append(td);
      body.append(tr);
      return;
    }
    for (const row of rows) {
      const tr = el("tr");
      const th = el("th", row.department);
      th.scope = "row";
      tr.append(th, el("td", row.joined), el("td", row.answering), el("td", row.finished));
      body.append(tr);
    }
  }

  function members(rows) {
    const body = document.querySelector("#members tbody");
    if (!body || !rows) return;
    const csrf = live.dataset.csrf;
    body.replaceChildren();
    for (const row of rows) {
      const tr = el("tr");
      const th = el("th", row.name);
      th.scope = "row";
      const form = el("form");
      form.method = "post";
      form.action = live.dataset.resume;
      const token = el("input");
      token.type = "hidden";
      token.name = "csrf";
      token.value = csrf;
      const who = el("input");
      who.type = "hidden";
      who.name = "who";
      who.value = row.id;
      const button = el("button", words.resumeLabel, "secondary");
      button.type = "submit";
      form.append(token, who, button);
      const td = el("td");
      td.append(form);
      tr.append(th, el("td", row.department), el("td", words["state" + row.state[0].toUpperCase() + row.state.slice(1)]), td);
      body.append(tr);
    }
  }

  function cell(data) {
    if (data.asked === false) {
      const td = el("td", null, "na");
      td.title = words.notAsked;
      td.append(el("span", words.notAsked, "visually-hidden"));
      return td;
    }
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
      td.colSpan = data.dimensions.length + 5;
      tr.append(td);
      body.append(tr);
      return;
    }
    for (const row of data.rows) {
      const tr = el("tr", null, row.organisation ? "org" : "");
      const th = el("th", row.name + " ");
      th.scope = "row";
      th.append(el("span", "(" + row.respondents + ")", "n"));
      tr.append(th);
      for (const c of row.cells) tr.append(cell(c));
      tr.append(cell(row.overall));
      const p = row.people || {};
      for (const key of ["joined", "answering", "finished"]) {
        tr.append(el("td", key in p ? p[key] : "", "people"));
      }
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
      const link = el("a", words.settleLabel, "settle-link");
      link.href = live.dataset.settle + "/" + encodeURIComponent(item.department_id) + "/" +
        encodeURIComponent(item.question_id);
      const meta = el("span", fill(words.apart, { department: item.department, spread: item.spread }), "meta");
      meta.append(" ", link);
      li.append(el("span", item.question, "q"), " ", meta);
      if (item.fact) li.append(" ", el("strong", words.fact, "fact"));
      list.append(li);
    }
  }

  function notices(items) {
    const list = document.getElementById("notices");
    if (!list) return;
    list.replaceChildren(...(items || []).map(function (text) { return el("li", text); }));
  }

  function status(data, ok) {
    const node = document.getElementById("status");
    const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    let text = data && !data.joining_open ? words.closed + " " : "";
    text += ok ? fill(words.updated, { time: time }) : words.lost;
    if (data && data.problem) text += " " + data.problem;
    node.textContent = text;
    node.classList.toggle("lost", !ok);
  }

  function show(data) {
    heard = Date.now();
    lost = false;
    if (String(data.version) !== version) {
      version = String(data.version);
      live.dataset.version = version;
      people(data.people);
      members(data.members);
      heatmap(data);
      disagreements(data.disagreements);
      notices(data.notices);
    }
    status(data, true);
  }

  function connectionLost() {
    if (!lost) status(null, false);
    lost = true;
  }

  // Pushed by server-sent events; where they are not to be had, or while they are
  // silent, the page asks for the figures itself.
  function listen() {
    if (!stream || !window.EventSource) return false;
    events = new EventSource(stream);
    events.addEventListener("figures", function (event) {
      try { show(JSON.parse(event.data)); } catch (err) { /* a torn message: the next one comes */ }
    });
    events.onerror = function () {
      // The browser retries by itself; the page says at once that the link is down.
      if (events.readyState !== EventSource.OPEN) connectionLost();
    };
    return true;
  }

  async function poll() {
    try {
      const reply = await fetch(source, { cache: "no-store", credentials: "same-origin" });
      if (!reply.ok) throw new Error(String(reply.status));
      show(await reply.json());
    } catch (err) {
      connectionLost();
    }
  }

  function watch() {
    if (Date.now() - heard > SILENCE_MS) {
      connectionLost();
      poll();
      if (events && events.readyState === EventSource.CLOSED) listen();
    }
  }

  const end = document.getElementById("end-form");
  if (end) {
    end.addEventListener("submit", function (event) {
      if (!window.confirm(end.dataset.confirm)) event.preventDefault();
    });
  }
  if (listen()) {
    window.setInterval(watch, 500);
  } else {
    window.setInterval(poll, POLL_MS);
  }
})();
