// The pipeline kanban: drag a card to another stage, confirm the date in a dialog, and the
// server answers with the board redrawn (target gauge included). A refused or cancelled move
// puts the card back where it was.
(() => {
  let pending = null; // {item, from, oldIndex} of the card being moved

  function drawGauge(board) {
    const el = board.querySelector("#target-gauge");
    const data = JSON.parse(board.querySelector("#gauge-data").textContent);
    if (!el || typeof echarts === "undefined") return;
    const percent = data.percent ?? 0; // rounded by the server as the caption beside it
    const chart = echarts.init(el);
    chart.setOption({
      series: [{
        type: "gauge", min: 0, max: Math.max(120, Math.ceil(percent / 10) * 10),
        progress: { show: true, width: 10 }, axisLine: { lineStyle: { width: 10 } },
        axisTick: { show: false }, splitLine: { length: 6 }, axisLabel: { distance: 12, fontSize: 9 },
        pointer: { width: 4 },
        detail: { valueAnimation: true, formatter: data.percent === null ? "—" : "{value}%", fontSize: 18, offsetCenter: [0, "70%"] },
        title: { offsetCenter: [0, "95%"], fontSize: 11 },
        data: [{ value: percent, name: String(data.year) }],
      }],
    });
    window.addEventListener("resize", () => chart.resize());
  }

  function putBack() {
    if (!pending) return;
    const { item, from, oldIndex } = pending;
    from.insertBefore(item, from.children[oldIndex] || null);
    pending = null;
  }

  function askDate(evt) {
    const modalEl = document.getElementById("move-modal");
    pending = { item: evt.item, from: evt.from, oldIndex: evt.oldIndex };
    const to = evt.to.dataset;
    document.getElementById("move-project").value = evt.item.dataset.project;
    document.getElementById("move-stage").value = to.stage;
    document.getElementById("move-summary").textContent = `${evt.item.dataset.name} → ${to.stageLabel}`;
    document.getElementById("move-errors").textContent = "";
    // Dragged back where its latest move came from (an accidental drag, say): offer the date
    // it had there, not today's, so that the year's figures do not move with it.
    const date = document.getElementById("id_on");
    const { backStage, backSince } = evt.item.dataset;
    date.value = backStage === to.stage && backSince ? backSince : date.defaultValue;
    const override = document.getElementById("move-field-override_reason");
    // Entering "land acquired" or a later stage from before it: the admission bar applies.
    const entersLand = to.pastLand === "1" && evt.from.dataset.pastLand !== "1";
    if (override) override.classList.toggle("d-none", !(entersLand && evt.item.dataset.land));
    bootstrap.Modal.getOrCreateInstance(modalEl).show();
  }

  function init(board) {
    drawGauge(board);
    if (board.dataset.canMove !== "1" || typeof Sortable === "undefined") return;
    board.querySelectorAll(".kanban-cards").forEach((list) => {
      // The fallback drags with pointer events: the same on mouse, touch and pen.
      Sortable.create(list, {
        group: "pipeline", sort: false, animation: 150, forceFallback: true, onAdd: askDate,
      });
    });
  }

  htmx.onLoad((root) => {
    const board = root.id === "board" ? root : root.querySelector("#board");
    if (board) init(board);
  });

  document.addEventListener("DOMContentLoaded", () => {
    const modalEl = document.getElementById("move-modal");
    if (!modalEl) return;
    modalEl.addEventListener("hidden.bs.modal", putBack);
    document.body.addEventListener("projectMoved", () => {
      pending = null; // the board was redrawn with the card in its new column
      bootstrap.Modal.getOrCreateInstance(modalEl).hide();
      modalEl.querySelector("form").reset();
    });
  });
})();
