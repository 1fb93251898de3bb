import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { ChartSpec } from "./report-format.ts";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * A dashboard chart. A null point (a "<5" cell, or nothing to show) is drawn as a gap ("-" to
 * ECharts), never as a number: the table beside it shows the "<5".
 */
export function ReportChart({ spec, testId }: { spec: ChartSpec; testId: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const rotate = spec.kind === "bar" && spec.categories.length > 6 ? 35 : 0;
    chart.current?.setOption(
      {
        tooltip: { trigger: "axis", axisPointer: { type: spec.kind === "bar" ? "shadow" : "line" } },
        legend: { top: 0 },
        grid: { left: 48, right: 24, top: 40, bottom: rotate ? 90 : 40 },
        xAxis: { type: "category", data: spec.categories, axisLabel: { rotate, interval: 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: spec.series.map((s) => ({
          name: s.name,
          type: spec.kind,
          data: s.data.map((v) => (v === null ? "-" : v)),
          ...(spec.kind === "line" ? { connectNulls: false, symbolSize: 6 } : { barMaxWidth: 36 }),
        })),
      },
      { notMerge: true },
    );
  }, [spec]);

  return <div ref={element} data-testid={testId} style={{ width: "100%", height: 300 }} />;
}
