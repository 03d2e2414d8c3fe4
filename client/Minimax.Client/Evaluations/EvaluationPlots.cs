using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using ScottPlot;

namespace Minimax.Client.Evaluations;

/// <summary>
/// Writes the plots of an evaluation with ScottPlot: groups.png (accuracy per group with its 95% interval
/// as error bars, one series per model) and common-counter.png (each model's accuracy on common against
/// counter examples with the y = x line, the figure of CounterAnimal, Wang et al. 2024).
/// </summary>
internal static class EvaluationPlots
{
    public const string GroupsFile = "groups.png";
    public const string CommonCounterFile = "common-counter.png";

    /// <summary>Writes what the report has data for; returns one line per plot: its path, or why it was skipped.</summary>
    public static IReadOnlyList<string> Write(string directory, JobReport report)
    {
        Directory.CreateDirectory(directory);
        var evaluation = report.Evaluation ?? new EvaluationReport();
        return [WriteGroups(directory, report.Name, evaluation), WriteCommonCounter(directory, report.Name, evaluation)];
    }

    private static string WriteGroups(string directory, string name, EvaluationReport evaluation)
    {
        var models = evaluation.Models.Where(m => m.Groups.Count > 0).ToList();
        if (models.Count == 0)
        {
            return $"{GroupsFile}: skipped, the report has no per-group accuracies";
        }

        List<string> groups = evaluation.Groups.Count > 0
            ? [.. evaluation.Groups]
            : [.. models.SelectMany(m => m.Groups.Select(g => g.Group)).Distinct()];
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // Side by side within a group, so that the intervals of different models do not overlap.
        var width = 0.7 / models.Count;
        foreach (var (m, model) in models.Index())
        {
            var color = palette.GetColor(m);
            var points = model.Groups.Where(g => groups.Contains(g.Group)).ToList();
            var xs = points.Select(g => groups.IndexOf(g.Group) + ((m - ((models.Count - 1) / 2.0)) * width)).ToArray();
            var ys = points.Select(g => g.Accuracy).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, new double[points.Count]);
            bars.YErrorNegative = [.. points.Select(g => g.Ci95 is { } ci ? g.Accuracy - ci.Low : 0)];
            bars.YErrorPositive = [.. points.Select(g => g.Ci95 is { } ci ? ci.High - g.Accuracy : 0)];
            bars.Color = color;
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, color);
            markers.LegendText = model.Name;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. groups.Select((group, g) => new Tick(g, group))]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title($"{name}: accuracy per group (95% interval)");
        plot.YLabel("accuracy");
        plot.ShowLegend(Alignment.LowerRight);
        return PlotImage.Save(plot, directory, GroupsFile);
    }

    private static string WriteCommonCounter(string directory, string name, EvaluationReport evaluation)
    {
        var models = evaluation.Models.Where(m => m.CommonCounter?.Pooled is not null).ToList();
        if (models.Count == 0)
        {
            return $"{CommonCounterFile}: skipped, the report has no common/counter groups";
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "y = x (no drop)";
        foreach (var (m, model) in models.Index())
        {
            var color = palette.GetColor(m);
            var pooled = model.CommonCounter.Pooled;
            var point = plot.Add.Marker(pooled.Common, pooled.Counter, MarkerShape.FilledCircle, 10, color);
            point.LegendText = model.Name;
            var label = plot.Add.Text(model.Name, pooled.Common, pooled.Counter);
            label.LabelFontColor = color;
            label.OffsetX = 6;
            var classes = model.CommonCounter.PerClass;
            if (classes.Count > 0)
            {
                plot.Add.Markers(classes.Select(c => c.Common).ToArray(), classes.Select(c => c.Counter).ToArray(), MarkerShape.OpenCircle, 5, color);
            }
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"{name}: common vs counter accuracy (open: per class)");
        plot.XLabel("accuracy on common examples");
        plot.YLabel("accuracy on counter examples");
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotImage.Save(plot, directory, CommonCounterFile);
    }
}
