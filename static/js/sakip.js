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
