import { STATION_STATUSES } from "@shegong/domain";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEChart } from "../../lib/use-echart.ts";
import { useEffect } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { useStatusLabel } from "../stations/StationStatusTag.tsx";
import type { Coverage } from "./CoverageTable.tsx";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const STATUS_COLORS = ["#bfbfbf", "#1677ff", "#52c41a", "#faad14", "#ff4d4f"];

/** The same rows as the coverage table, drawn: stations by status (stacked) and coverage in percent. */
export function CoverageChart({ coverage }: { coverage: Coverage }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  const { element, chart } = useEChart(echarts.init);

  useEffect(() => {
    const names = coverage.children.map((c) => c.name);
    const coverageName = t("coverage.chart.coverage");
    chart.current?.setOption(
      {
        color: STATUS_COLORS,
        tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 80 },
        xAxis: { type: "category", data: names, axisLabel: { rotate: names.length > 8 ? 40 : 0, interval: 0 } },
        yAxis: [
          { type: "value", name: t("coverage.chart.status"), minInterval: 1 },
          { type: "value", name: coverageName, min: 0, max: 100, position: "right" },
        ],
        series: [
          ...STATION_STATUSES.map((s) => ({
            name: statusLabel(s),
            type: "bar" as const,
            stack: "stations",
            data: coverage.children.map((c) => c.stations[s]),
          })),
          {
            name: coverageName,
            type: "bar" as const,
            yAxisIndex: 1,
            itemStyle: { color: "#722ed1" },
            data: coverage.children.map((c) => Math.round(c.coverage * 1000) / 10),
          },
        ],
      },
      { notMerge: true },
    );
  }, [coverage, t, statusLabel]);

  return <div ref={element} data-testid="coverage-chart" style={{ width: "100%", height: 360 }} />;
}
