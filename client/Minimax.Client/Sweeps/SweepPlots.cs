using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using ScottPlot;

namespace Minimax.Client.Sweeps;

/// <summary>
/// Writes sweep.png with ScottPlot: one point per configuration with a completed trial, test average
/// accuracy against test worst-group accuracy (the trade-off of the paper's tables), error bars of one
/// sd on both axes, a legend naming each point by its values, and the selected configuration drawn larger in red.
/// </summary>
internal static class SweepPlots
{
    public const string File = "sweep.png";

    /// <summary>Writes the plot when the report has metrics; returns one line: its path, or why it was skipped.</summary>
    public static IReadOnlyList<string> Write(string directory, SweepReport report)
    {
        Directory.CreateDirectory(directory);
        return [WriteTradeOff(directory, report)];
    }

    private static string WriteTradeOff(string directory, SweepReport report)
    {
        var points = report.Configurations
            .Select(c => (Configuration: c, X: SweepMetric.TestAverage.Aggregate(c), Y: SweepMetric.TestWorst.Aggregate(c)))
            .Where(p => p.X is not null && p.Y is not null && double.IsFinite(p.X.Mean) && double.IsFinite(p.Y.Mean))
            .Select(p => (p.Configuration, X: p.X!, Y: p.Y!))
            .ToList();
        if (points.Count == 0)
        {
            return $"{File}: skipped, no configuration has a completed trial yet";
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var keys = SweepView.ConfigurationKeys(report);
        foreach (var (index, (configuration, x, y)) in points.Index())
        {
            var color = configuration.Selected ? Colors.Red : palette.GetColor(index);
            var bars = plot.Add.ErrorBar([x.Mean], [y.Mean], [Finite(y.Sd)]);
            bars.XErrorPositive = [Finite(x.Sd)];
            bars.XErrorNegative = [Finite(x.Sd)];
            bars.Color = color;
            var marker = plot.Add.Marker(x.Mean, y.Mean, MarkerShape.FilledCircle, configuration.Selected ? 14 : 9, color);
            // A legend rather than labels at the points: configurations that score alike would overlap.
            var values = configuration.Values.Where(v => keys.Contains(v.Path)).ToList();
            marker.LegendText = SweepValues.Short(values) + (configuration.Selected ? " (selected)" : "");
        }

        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(left: 0.1, right: 0.1, bottom: 0.1, top: 0.1);
        plot.Title($"{report.Name}: worst-group vs average test accuracy (mean ± sd over {Over(report)})");
        plot.XLabel("test average accuracy");
        plot.YLabel("test worst-group accuracy");
        return PlotImage.Save(plot, directory, File);
    }

    private static string Over(SweepReport report) => report.Over.Count > 0 ? string.Join(", ", report.Over) : "trials";

    private static double Finite(double sd) => double.IsFinite(sd) ? sd : 0;
}
