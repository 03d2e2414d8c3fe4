using System.Globalization;
using Minimax.Contracts.Api;

namespace Minimax.Client.Runs;

/// <summary>A run's progress on one line: step, train loss, worst validation group, group weights.</summary>
public static class RunProgressText
{
    private const int ShownWeights = 8;

    public static string Describe(RunProgress p)
    {
        var parts = new List<string>
        {
            $"step {p.Step}/{p.TotalSteps}",
            $"loss {Number(p.TrainLoss, "F4")}",
        };
        if (p.Val is { } val)
        {
            parts.Add($"val worst {Number(val.WorstGroupAccuracy, "F3")} (g{val.WorstGroup})");
        }

        if (p.GroupWeights.Count > 0)
        {
            var shown = p.GroupWeights.Take(ShownWeights).Select(q => Number(q, "F3"));
            parts.Add($"q [{string.Join(' ', shown)}{(p.GroupWeights.Count > ShownWeights ? " ..." : "")}]");
        }

        return string.Join("  ", parts);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
