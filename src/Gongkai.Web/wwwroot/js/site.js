// Gongkai portal: progressive enhancement only. Every page works without this script.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // 适老化: adjustable font size, remembered in this browser.
    var scaleKey = "gongkai.fontScale";
    function applyScale(scale) {
        document.documentElement.style.setProperty("--font-scale", String(scale));
    }
    var saved = parseFloat(localStorage.getItem(scaleKey) || "1");
    if (saved >= 0.8 && saved <= 1.6) { applyScale(saved); }
    document.querySelectorAll("[data-font]").forEach(function (button) {
        button.addEventListener("click", function () {
            var current = parseFloat(localStorage.getItem(scaleKey) || "1");
            var next = button.dataset.font === "up" ? Math.min(1.6, current + 0.1)
                : button.dataset.font === "down" ? Math.max(0.8, current - 0.1) : 1;
            next = Math.round(next * 10) / 10;
            localStorage.setItem(scaleKey, String(next));
            applyScale(next);
        });
    });

    // 收藏: favourites are kept in localStorage as [{indexNumber, title, url, savedAt}].
    var favKey = "gongkai.favorites";
    function loadFavorites() {
        try { return JSON.parse(localStorage.getItem(favKey) || "[]"); } catch (e) { return []; }
    }
    function saveFavorites(list) { localStorage.setItem(favKey, JSON.stringify(list)); }

    var record = document.querySelector("article.record");
    if (record) {
        var favButton = record.querySelector("[data-action=favorite]");
        var number = record.dataset.indexNumber;
        var sync = function () {
            var on = loadFavorites().some(function (f) { return f.indexNumber === number; });
            favButton.setAttribute("aria-pressed", on ? "true" : "false");
            favButton.textContent = on ? "已收藏" : "收藏";
        };
        favButton.addEventListener("click", function () {
            var list = loadFavorites();
            var exists = list.some(function (f) { return f.indexNumber === number; });
            list = exists ? list.filter(function (f) { return f.indexNumber !== number; })
                : list.concat([{ indexNumber: number, title: record.dataset.title, url: location.pathname, savedAt: new Date().toISOString() }]);
            saveFavorites(list);
            sync();
        });
        sync();
        record.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
        record.querySelector("[data-action=close]").addEventListener("click", function () {
            window.close();
            // A tab the script did not open cannot be closed: go back instead.
            if (history.length > 1) { history.back(); } else { location.href = "/"; }
        });
    }

    // Print buttons outside a record page (the application receipt).
    document.querySelectorAll("[data-action=print]").forEach(function (button) {
        if (!button.closest(".record")) {
            button.addEventListener("click", function () { window.print(); });
        }
    });

    var favorites = document.getElementById("favorites");
    if (favorites) {
        var render = function () {
            var list = loadFavorites();
            favorites.textContent = "";
            if (list.length === 0) {
                var p = document.createElement("p");
                p.className = "empty-note";
                p.textContent = favorites.dataset.emptyText;
                favorites.appendChild(p);
                return;
            }
            var ul = document.createElement("ul");
            ul.className = "favorites-list";
            list.forEach(function (f) {
                var li = document.createElement("li");
                var a = document.createElement("a");
                a.href = f.url;
                a.textContent = f.title;
                var num = document.createElement("span");
                num.className = "muted";
                num.textContent = f.indexNumber;
                var remove = document.createElement("button");
                remove.type = "button";
                remove.textContent = "取消收藏";
                remove.addEventListener("click", function () {
                    saveFavorites(loadFavorites().filter(function (x) { return x.indexNumber !== f.indexNumber; }));
                    render();
                });
                li.append(a, num, remove);
                ul.appendChild(li);
            });
            favorites.appendChild(ul);
        };
        render();
    }
})();
