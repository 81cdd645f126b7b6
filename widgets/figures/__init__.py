"""Figure builders: data in, plotly figure out, with the source line attached by `common.finish`."""
