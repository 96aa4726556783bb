// An anchor's chain map (ECharts graph): the anchor in the middle, suppliers left, customers
// right; local partners and outside firms in two colours.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("chain-graph");
  const source = document.getElementById("chain-data");
  if (!el || !source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: {},
    legend: [{ data: data.categories }],
    series: [
      {
        type: "graph",
        layout: "none",
        roam: true,
        label: { show: true, position: "right", fontSize: 11 },
        edgeSymbol: ["none", "arrow"],
        categories: data.categories.map((name) => ({ name })),
        data: data.nodes,
        links: data.links,
        lineStyle: { curveness: 0.1 },
      },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
});
