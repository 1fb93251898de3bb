import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEChart } from "../../lib/use-echart.ts";
import { useEffect } from "react";
import type { ChartSpec } from "./report-format.ts";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * A dashboard chart. A null point (a "<5" cell, or nothing to show) is drawn as a gap ("-" to
 * ECharts), never as a number: the table beside it shows the "<5".
 */
export function ReportChart({ spec, testId }: { spec: ChartSpec; testId: string }) {
  const { element, chart } = useEChart(echarts.init);

  useEffect(() => {
    const categoryAxis = { type: "category" as const, data: spec.categories, axisLabel: { hideOverlap: true }, ...(spec.horizontal ? { inverse: true } : {}) };
    const valueAxis = { type: "value" as const, minInterval: 1 };
    chart.current?.setOption(
      {
        tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: spec.kind === "bar" ? "shadow" : "line" } },
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
        xAxis: spec.horizontal ? valueAxis : categoryAxis,
        yAxis: spec.horizontal ? categoryAxis : valueAxis,
        series: spec.series.map((s) => ({
          name: s.name,
          type: spec.kind,
          data: s.data.map((v) => (v === null ? "-" : v)),
          ...(spec.kind === "line" ? { connectNulls: false, symbolSize: 6 } : { barMaxWidth: 24, label: { show: true, position: spec.horizontal ? "right" : "top" } }),
        })),
      },
      { notMerge: true },
    );
  }, [spec]);

  return <div ref={element} data-testid={testId} style={{ width: "100%", height: spec.horizontal ? Math.max(300, 28 * spec.categories.length + 60) : 320 }} />;
}
