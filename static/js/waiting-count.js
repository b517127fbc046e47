// The header's 対応待ち figure, asked for once the page has loaded, so that counting what
// waits (a dozen queries) never delays the page itself. Without JavaScript the link stays.
document.addEventListener("DOMContentLoaded", function () {
  var badge = document.querySelector("[data-count-from]");
  if (!badge) return;
  fetch(badge.getAttribute("data-count-from"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (answer) {
      if (!answer || !answer.count) return;
      badge.textContent = answer.count.toLocaleString("ja-JP");
      var unit = document.createElement("span");
      unit.className = "visually-hidden";
      unit.textContent = "件";
      badge.appendChild(unit);
      badge.hidden = false;
    })
    .catch(function () { /* the link works without its figure */ });
});
