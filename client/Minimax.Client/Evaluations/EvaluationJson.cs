using System.Text.Json;
using Minimax.Contracts.Api;
using static Minimax.Client.Jobs.JobJson;

namespace Minimax.Client.Evaluations;

/// <summary>
/// The JSON fields of an evaluation after job_id and kind (docs/run-spec.md, "Evaluation reports"):
/// intervals as <c>[low, high]</c>, and every absent optional (an interval, a p-value, the group of the
/// overall comparison, a model's common/counter split) as null.
/// </summary>
internal static class EvaluationJson
{
    public static void WriteFields(Utf8JsonWriter json, JobReport report)
    {
        var evaluation = report.Evaluation ?? new EvaluationReport();
        json.WriteString("name", report.Name);
        json.WriteString("status", report.Status);
        json.WriteString("reason", report.Reason);
        json.WriteStartArray("models");
        foreach (var model in evaluation.Models)
        {
            WriteModel(json, model);
        }

        json.WriteEndArray();
        json.WriteStartArray("comparisons");
        foreach (var comparison in evaluation.Comparisons)
        {
            WriteComparison(json, comparison);
        }

        json.WriteEndArray();
        json.WriteString("correction", evaluation.Correction);
        WriteNumber(json, "alpha", evaluation.Alpha);
        json.WriteString("base", evaluation.Base);
        json.WriteString("test", evaluation.Test);
        json.WriteNumber("examples", evaluation.Examples);
        WriteStrings(json, "groups", evaluation.Groups);
        json.WriteNumber("memory_estimate_bytes", evaluation.MemoryEstimateBytes);
        WriteNumber(json, "wall_seconds", report.WallSeconds);
    }

    private static void WriteModel(Utf8JsonWriter json, EvaluatedModel model)
    {
        json.WriteStartObject();
        json.WriteString("name", model.Name);
        json.WriteString("source", model.Source);
        WriteScore(json, model.Count, model.Correct, model.Accuracy, model.Ci95);
        WriteNumber(json, "macro_accuracy", model.MacroAccuracy);
        WriteText(json, "worst_group", model.WorstGroup);
        WriteNumber(json, "worst_group_accuracy", model.WorstGroupAccuracy);
        json.WriteStartArray("groups");
        foreach (var group in model.Groups)
        {
            json.WriteStartObject();
            json.WriteString("group", group.Group);
            WriteScore(json, group.Count, group.Correct, group.Accuracy, group.Ci95);
            WriteNumber(json, "loss", group.Loss);
            json.WriteNumber("abstentions", group.Abstentions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteCommonCounter(json, model.CommonCounter);
        json.WriteNumber("abstentions", model.Abstentions);
        WriteNumber(json, "abstention_share_of_errors", model.AbstentionShareOfErrors);
        // exp(loss) is at least 1: 0 means the model is not a language model, so there is none.
        WriteOptional(json, "perplexity", model.Perplexity > 0 ? model.Perplexity : null);
        json.WriteEndObject();
    }

    private static void WriteCommonCounter(Utf8JsonWriter json, CommonCounterReport? report)
    {
        if (report is null)
        {
            json.WriteNull("common_counter");
            return;
        }

        json.WriteStartObject("common_counter");
        if (report.Pooled is { } pooled)
        {
            json.WriteStartObject("pooled");
            WriteCommonCounterFields(json, pooled);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("pooled");
        }

        json.WriteStartArray("per_class");
        foreach (var row in report.PerClass)
        {
            json.WriteStartObject();
            json.WriteString("class", row.Class);
            WriteCommonCounterFields(json, row);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCommonCounterFields(Utf8JsonWriter json, CommonCounterRow row)
    {
        WriteNumber(json, "common", row.Common);
        WriteNumber(json, "counter", row.Counter);
        WriteNumber(json, "drop", row.Drop);
    }

    private static void WriteComparison(Utf8JsonWriter json, Comparison comparison)
    {
        json.WriteStartObject();
        json.WriteString("model", comparison.Model);
        json.WriteString("base", comparison.Base);
        json.WriteString("scope", ComparisonScope(comparison));
        WriteText(json, "group", comparison.Group);
        WriteNumber(json, "base_accuracy", comparison.BaseAccuracy);
        WriteNumber(json, "accuracy", comparison.Accuracy);
        WriteOptional(json, "relative_drop", comparison.HasRelativeDrop ? comparison.RelativeDrop : null);
        json.WriteString("test", comparison.Test);
        WriteOptional(json, "statistic", comparison.HasStatistic ? comparison.Statistic : null);
        WriteOptional(json, "p_value", comparison.HasPValue ? comparison.PValue : null);
        WriteOptional(json, "p_adjusted", comparison.HasPAdjusted ? comparison.PAdjusted : null);
        json.WriteBoolean("significant", comparison.Significant);
        json.WriteNumber("base_only_correct", comparison.BaseOnlyCorrect);
        json.WriteNumber("model_only_correct", comparison.ModelOnlyCorrect);
        json.WriteEndObject();
    }

    /// <summary>overall or group; the cluster always says, and a comparison without a group is the overall one.</summary>
    public static string ComparisonScope(Comparison comparison) =>
        comparison.Scope.Length > 0 ? comparison.Scope : comparison.Group.Length > 0 ? "group" : "overall";

    /// <summary>What a model and each of its groups have: examples, correct ones, accuracy and its interval.</summary>
    private static void WriteScore(Utf8JsonWriter json, long count, long correct, double accuracy, Interval? ci95)
    {
        json.WriteNumber("count", count);
        json.WriteNumber("correct", correct);
        WriteNumber(json, "accuracy", accuracy);
        WriteInterval(json, ci95);
    }

    private static void WriteInterval(Utf8JsonWriter json, Interval? interval)
    {
        if (interval is null || !double.IsFinite(interval.Low) || !double.IsFinite(interval.High))
        {
            json.WriteNull("ci95");
            return;
        }

        json.WriteStartArray("ci95");
        json.WriteNumberValue(interval.Low);
        json.WriteNumberValue(interval.High);
        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            WriteNumber(json, name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        if (text.Length > 0)
        {
            json.WriteString(name, text);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
