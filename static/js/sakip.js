// SAKIP Kinerja: small page behaviours (kept out of inline scripts for a strict CSP).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  const open = button.dataset.treeToggle === "open";
  document.querySelectorAll("#plan-tree details").forEach(function (d) { d.open = open; });
});
