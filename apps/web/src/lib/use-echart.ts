import type * as echarts from "echarts/core";
import { useEffect, useRef } from "react";

/**
 * One ECharts instance for a div: created on mount, resized with its box, disposed on unmount.
 * The caller passes its own `init` (from the echarts/core it registered its charts on) and sets
 * options on `chart.current` when its data changes.
 */
export function useEChart(init: typeof echarts.init) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [init]);
  return { element, chart };
}
