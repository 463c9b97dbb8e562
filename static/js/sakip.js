// SAKIP Kinerja: small page behaviours (kept out of inline scripts for a strict CSP).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  const open = button.dataset.treeToggle === "open";
  document.querySelectorAll("#plan-tree details").forEach(function (d) { d.open = open; });
});

// Entry grid: after a row is saved, move the cursor to the next row's realisasi field,
// so a whole worksheet can be filled with the keyboard (type, Enter, type, Enter...).
document.addEventListener("htmx:afterSettle", function (event) {
  const target = event.detail.target;
  if (!target || !target.id || !target.id.startsWith("butir-")) return;
  const row = document.getElementById(target.id);
  if (!row || !row.querySelector("[data-testid='saved']")) return;
  let next = row.nextElementSibling;
  while (next && !next.querySelector("input[name$='-value']")) next = next.nextElementSibling;
  if (next) next.querySelector("input[name$='-value']").focus();
});

// Entry grid: a save the server did not acknowledge is never shown as saved. htmx swaps the row
// only on success (and on 409/422, which carry the row with its message); on any other answer,
// a network failure or a timeout the row keeps the typed value and says so.
(function () {
  function saveOf(event) {
    // The element that made the request (in htmx:beforeSwap, detail.elt is the swap target).
    const detail = event.detail || {};
    const elt = (detail.requestConfig && detail.requestConfig.elt) || detail.elt || event.target;
    const config = detail.requestConfig;
    if (!elt || !elt.closest) return null;
    const row = elt.closest(".grid-row");
    const verb = config && config.verb ? config.verb.toLowerCase() : "";
    if (!row || verb !== "post") return null;
    return { row: row, form: elt.closest("form") || elt };
  }

  function clearNotice(row) {
    row.querySelectorAll("[data-testid='unsaved']").forEach(function (n) { n.remove(); });
  }

  function showUnsaved(event, reason) {
    const save = saveOf(event);
    if (!save) return;
    clearNotice(save.row);
    save.row.querySelectorAll("[data-testid='saved']").forEach(function (n) { n.remove(); });
    save.row.classList.remove("border-success");
    save.row.classList.add("border-danger");
    const notice = document.createElement("div");
    notice.className = "alert alert-danger small py-2 my-2";
    notice.setAttribute("role", "alert");
    notice.dataset.testid = "unsaved";
    notice.textContent = "Belum tersimpan: " + reason + ". Isian Anda masih di layar; coba lagi.";
    save.form.parentNode.insertBefore(notice, save.form);
    save.form.dataset.dirty = "1";
  }

  function reasonFor(xhr) {
    const status = xhr ? xhr.status : 0;
    if (status === 403) return "Anda tidak dapat lagi mengubah baris ini atau halaman sudah kedaluwarsa (kode 403)";
    if (status === 429) return "terlalu banyak permintaan, tunggu sebentar (kode 429)";
    if (status >= 500) return "server gagal menyimpan (kode " + status + ")";
    return "server menolak permintaan (kode " + status + ")";
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    const save = saveOf(event);
    if (save) clearNotice(save.row);
  });
  document.addEventListener("htmx:responseError", function (event) {
    showUnsaved(event, reasonFor(event.detail.xhr));
  });
  document.addEventListener("htmx:sendError", function (event) {
    showUnsaved(event, "koneksi ke server terputus");
  });
  document.addEventListener("htmx:timeout", function (event) {
    showUnsaved(event, "server tidak menjawab");
  });
  // A session that ended answers a save with the login page (after a redirect): never put that
  // page in the row, never count it as saved.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    const login = document.body.dataset.loginUrl;
    if (!saveOf(event) || !xhr || !login || !xhr.responseURL) return;
    if (new URL(xhr.responseURL).pathname === login) {
      event.detail.shouldSwap = false;
      showUnsaved(event, "sesi Anda sudah berakhir; masuk lagi di tab baru, lalu simpan ulang");
    }
  });
})();

// Unsaved input: a form typed in and not yet submitted asks before the page is left.
(function () {
  function tracked(form) {
    return form && form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("data-no-guard");
  }
  document.addEventListener("input", function (event) {
    const form = event.target.closest && event.target.closest("form");
    if (tracked(form)) form.dataset.dirty = "1";
  });
  document.addEventListener("submit", function (event) {
    if (event.target.dataset) delete event.target.dataset.dirty;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && event.detail.successful) delete form.dataset.dirty;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!document.querySelector("form[data-dirty='1']")) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();

// Shared office PCs: the session ends after a period without activity (SAKIP_SESSION_IDLE_MINUTES).
// A few minutes before, a notice asks to save; "Tetap masuk" asks the server, which extends it.
(function () {
  const body = document.body;
  const idle = parseInt(body.dataset.sessionIdle || "0", 10);
  if (!idle) return;
  const warnBefore = Math.min(parseInt(body.dataset.sessionWarn || "300", 10), Math.floor(idle / 2));
  let warnTimer = null;
  let endTimer = null;
  let notice = null;

  function minutes(seconds) {
    return seconds >= 60 ? Math.round(seconds / 60) + " menit" : seconds + " detik";
  }

  function show(text, ended) {
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "alert alert-warning shadow session-notice d-flex flex-wrap gap-2 align-items-center";
      notice.setAttribute("role", "alert");
      notice.dataset.testid = "session-notice";
      document.body.appendChild(notice);
    }
    notice.textContent = text + " ";
    if (!ended) {
      const stay = document.createElement("button");
      stay.type = "button";
      stay.className = "btn btn-sm btn-primary";
      stay.textContent = "Tetap masuk";
      stay.addEventListener("click", function () {
        fetch(window.location.href, { method: "HEAD", credentials: "same-origin" }).then(restart);
      });
      notice.appendChild(stay);
    }
  }

  function restart() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    if (notice) { notice.remove(); notice = null; }
    warnTimer = setTimeout(function () {
      show("Sesi Anda akan berakhir dalam " + minutes(warnBefore) + "; simpan isian Anda.", false);
    }, (idle - warnBefore) * 1000);
    endTimer = setTimeout(function () {
      show("Sesi Anda sudah berakhir karena tidak ada aktivitas. Salin isian yang belum tersimpan, lalu masuk lagi.", true);
    }, idle * 1000);
  }

  document.addEventListener("htmx:afterRequest", restart);
  restart();
})();
