using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Evaluations;

/// <summary>
/// Renders an evaluation for people: a table of models (accuracy with its 95% interval, worst group,
/// abstentions), their per-group rows, the common/counter split when the spec has one, and the comparisons.
/// </summary>
internal static class EvaluationView
{
    public static void Write(IAnsiConsole console, JobReport report)
    {
        var evaluation = report.Evaluation ?? new EvaluationReport();
        var color = Terminal.StatusColor(report.Status);
        console.MarkupLine(
            $"[bold]{Markup.Escape(report.Name)}[/] ({Markup.Escape(report.JobId)}): [{color}]{Markup.Escape(report.Status)}[/], " +
            $"{evaluation.Models.Count} model{(evaluation.Models.Count == 1 ? "" : "s")}, {Integer(evaluation.Examples)} examples, " +
            $"{Fixed(report.WallSeconds, 1)} s{MemoryPerWorker(evaluation.MemoryEstimateBytes)}");
        if (report.Reason.Length > 0)
        {
            console.MarkupLine($"[{color}]{Markup.Escape(report.Reason)}[/]");
        }

        if (evaluation.Models.Count == 0)
        {
            return;
        }

        WriteModels(console, evaluation);
        WriteGroups(console, evaluation);
        WriteCommonCounter(console, evaluation);
        ComparisonsView.Write(console, evaluation);
    }

    /// <summary>An accuracy with 3 decimals.</summary>
    public static string Accuracy(double value) => Fixed(value, 3);

    /// <summary>A 95% interval as "[low, high]"; empty when the cluster sent none.</summary>
    public static string Interval(Interval? interval) =>
        interval is null ? "" : $"[{Accuracy(interval.Low)}, {Accuracy(interval.High)}]";

    private static void WriteModels(IAnsiConsole console, EvaluationReport evaluation)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "source");
        foreach (var heading in new[] { "n", "accuracy", "95% CI", "worst group", "worst acc", "abstentions" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var model in evaluation.Models)
        {
            table.AddRow(
                Markup.Escape(model.Name),
                Markup.Escape(model.Source),
                Integer(model.Count),
                Accuracy(model.Accuracy),
                Markup.Escape(Interval(model.Ci95)),
                Markup.Escape(model.WorstGroup),
                model.WorstGroup.Length > 0 ? Accuracy(model.WorstGroupAccuracy) : "",
                Integer(model.Abstentions));
        }

        console.Write(table);
    }

    private static void WriteGroups(IAnsiConsole console, EvaluationReport evaluation)
    {
        if (evaluation.Models.All(m => m.Groups.Count == 0))
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("per group").AddColumns("model", "group");
        foreach (var heading in new[] { "n", "correct", "accuracy", "95% CI", "abstentions" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var model in evaluation.Models)
        {
            foreach (var group in model.Groups)
            {
                var name = Markup.Escape(group.Group);
                table.AddRow(
                    Markup.Escape(model.Name),
                    group.Group == model.WorstGroup ? $"[bold]{name}[/] (worst)" : name,
                    Integer(group.Count),
                    Integer(group.Correct),
                    Accuracy(group.Accuracy),
                    Markup.Escape(Interval(group.Ci95)),
                    Integer(group.Abstentions));
            }
        }

        console.Write(table);
    }

    private static void WriteCommonCounter(IAnsiConsole console, EvaluationReport evaluation)
    {
        var models = evaluation.Models.Where(m => m.CommonCounter is not null).ToList();
        if (models.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("common vs counter examples").AddColumns("model", "class");
        foreach (var heading in new[] { "common", "counter", "drop (pp)" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var model in models)
        {
            var rows = model.CommonCounter.PerClass.Select(r => (Label: r.Class, Row: r));
            if (model.CommonCounter.Pooled is { } pooled)
            {
                rows = rows.Prepend(("all", pooled));
            }

            foreach (var (label, row) in rows)
            {
                table.AddRow(Markup.Escape(model.Name), Markup.Escape(label), Accuracy(row.Common), Accuracy(row.Counter), Fixed(row.Drop, 1));
            }
        }

        console.Write(table);
    }
}
