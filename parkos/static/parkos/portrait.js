// Draws the portrait's trend charts from the JSON the page embeds (no network needed).
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const L = data.labels;
  const years = echarts.init(document.getElementById("chart-years"));
  years.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: [L.output, L.revenue, L.tax, L.output_growth, L.tax_growth] },
    xAxis: { type: "category", data: data.years },
    yAxis: [{ type: "value", name: L.unit }, { type: "value", name: "%", splitLine: { show: false } }],
    series: [
      { name: L.output, type: "bar", data: data.output },
      { name: L.revenue, type: "bar", data: data.revenue },
      { name: L.tax, type: "bar", data: data.tax },
      { name: L.output_growth, type: "line", yAxisIndex: 1, data: data.output_growth },
      { name: L.tax_growth, type: "line", yAxisIndex: 1, data: data.tax_growth },
    ],
  });
  const perMu = echarts.init(document.getElementById("chart-per-mu"));
  perMu.setOption({
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.years },
    yAxis: { type: "value", name: L.per_mu_unit },
    series: [{ name: L.tax_per_mu, type: "line", data: data.tax_per_mu, label: { show: true } }],
  });
  window.addEventListener("resize", () => perMu.resize());
  const monthsEl = document.getElementById("chart-months");
  if (monthsEl) {
    const months = echarts.init(monthsEl);
    months.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [L.output, L.tax] },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: L.unit },
      series: [
        { name: L.output, type: "line", data: data.month_output },
        { name: L.tax, type: "line", data: data.month_tax },
      ],
    });
    window.addEventListener("resize", () => months.resize());
  }
  window.addEventListener("resize", () => years.resize());
});
