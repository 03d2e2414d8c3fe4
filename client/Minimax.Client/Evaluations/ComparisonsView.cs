using System.Globalization;
using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Evaluations;

/// <summary>The comparisons of an evaluation, each model against the base overall and per group; significant rows marked with *.</summary>
internal static class ComparisonsView
{
    public const string SignificantMark = "*";

    public static void Write(IAnsiConsole console, EvaluationReport evaluation)
    {
        if (evaluation.Comparisons.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("comparisons").AddColumns("model", "base", "group");
        foreach (var heading in new[] { "base acc", "acc", "rel. drop", "test", "p", "p adj.", "sig." })
        {
            table.AddColumn(heading == "test" ? new TableColumn(heading) : new TableColumn(heading).RightAligned());
        }

        foreach (var c in evaluation.Comparisons)
        {
            string[] cells =
            [
                Markup.Escape(c.Model),
                Markup.Escape(c.Base),
                EvaluationJson.ComparisonScope(c) == "overall" ? "overall" : Markup.Escape(c.Group),
                EvaluationView.Accuracy(c.BaseAccuracy),
                EvaluationView.Accuracy(c.Accuracy),
                c.HasRelativeDrop ? $"{Fixed(c.RelativeDrop, 1)}%" : "",
                Markup.Escape(c.Test),
                c.HasPValue ? PValue(c.PValue) : "",
                c.HasPAdjusted ? PValue(c.PAdjusted) : "",
                c.Significant ? SignificantMark : "",
            ];
            table.AddRow(c.Significant ? [.. cells.Select(cell => cell.Length > 0 ? $"[bold]{cell}[/]" : cell)] : cells);
        }

        console.Write(table);
        var correction = evaluation.Correction is "" or "none" ? "without correction" : $"after {Markup.Escape(evaluation.Correction)} correction";
        console.MarkupLine($"{SignificantMark} significant at alpha {Fixed(evaluation.Alpha, 3)} {correction}");
    }

    /// <summary>A p-value: 4 decimals, or scientific notation below 0.0001 where 4 decimals would read 0.</summary>
    public static string PValue(double p) =>
        p is > 0 and < 1e-4 ? p.ToString("0.0e+00", CultureInfo.InvariantCulture) : Fixed(p, 4);
}
