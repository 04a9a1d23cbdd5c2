import { createUniqueId, For } from 'solid-js';
import { barLayout } from './bar-layout';

export interface BarChartPoint {
  /** The bar's label under the chart: a short day ("12.03"), a name. */
  label: string;
  value: number;
  /** The value as people read it: "1 200 ₽", "3 orders". */
  display: string;
}

const width = 320;
const height = 120;

/**
 * A small bar chart drawn as SVG, for a few dozen points (the dashboard's days). The figures are also in
 * a table for screen readers (the SVG is one image for them), and each bar has a tooltip. No chart
 * library: this is all the dashboard draws.
 */
export function BarChart(props: { title: string; points: readonly BarChartPoint[] }) {
  const titleId = createUniqueId();
  const bars = () =>
    barLayout(
      props.points.map((point) => point.value),
      width,
      height,
    );
  return (
    <figure class="bar-chart" aria-labelledby={titleId}>
      <figcaption class="bar-chart__title" id={titleId}>
        {props.title}
      </figcaption>
      <svg
        class="bar-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-hidden="true"
      >
        <For each={bars()}>
          {(bar, index) => (
            <rect class="bar-chart__bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
              <title>
                {props.points[index()]?.label}: {props.points[index()]?.display}
              </title>
            </rect>
          )}
        </For>
      </svg>
      <div class="bar-chart__labels" aria-hidden="true">
        <span>{props.points[0]?.label}</span>
        <span>{props.points[props.points.length - 1]?.label}</span>
      </div>
      <table class="visually-hidden">
        <tbody>
          <For each={props.points}>
            {(point) => (
              <tr>
                <th scope="row">{point.label}</th>
                <td>{point.display}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
