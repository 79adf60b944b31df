import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 220;

/**
 * A uPlot chart that follows its container's width (phone to desktop). uPlot sizes its canvas in
 * pixels; the ResizeObserver keeps it inside the card so nothing scrolls sideways. uPlot styles
 * through the CSSOM (el.style), which the CSP's style-src 'self' allows.
 */
export function chart(container: HTMLElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): uPlot {
  const width = () => Math.max(200, Math.floor(container.clientWidth));
  const plot = new uPlot({ ...opts, width: width(), height: HEIGHT }, data, container);
  const ro = new ResizeObserver(() => {
    if (!container.isConnected) {
      ro.disconnect();
      plot.destroy();
      return;
    }
    if (Math.abs(plot.width - width()) > 1) plot.setSize({ width: width(), height: HEIGHT });
  });
  ro.observe(container);
  return plot;
}

export const COLORS = { price: '#2f6fdf', hype: '#d9822b', equity: '#2a9d5b', loss: '#c0392b' } as const;
