using System.Text.Json;
using Minimax.Client.Evaluations;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>The --json shape of an evaluation, field by field, as issue 8 fixes it.</summary>
public sealed class EvaluationJsonTests
{
    private static JsonDocument Parse(JobReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        JobJson.Write(writer, JobJson.Format(report, new EvaluationRenderer()));
        var text = writer.ToString();
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        return JsonDocument.Parse(text);
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public void The_top_level_starts_with_job_id_and_kind_and_has_the_evaluation_fields()
    {
        using var json = Parse(EvaluationReports.Completed());
        var root = json.RootElement;

        Assert.Equal(
            ["job_id", "kind", "name", "status", "reason", "models", "comparisons", "correction", "alpha", "base", "test", "examples", "groups", "memory_estimate_bytes", "wall_seconds", "trace_id"],
            Names(root));
        Assert.Equal("eval-3", root.GetProperty("job_id").GetString());
        Assert.Equal("evaluation", root.GetProperty("kind").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("holm", root.GetProperty("correction").GetString());
        Assert.Equal(0.05, root.GetProperty("alpha").GetDouble());
        Assert.Equal(2000, root.GetProperty("examples").GetInt64());
        Assert.Equal(EvaluationReports.Groups, root.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public void A_model_has_its_accuracy_interval_worst_group_groups_and_abstentions()
    {
        using var json = Parse(EvaluationReports.Completed());
        var erm = json.RootElement.GetProperty("models")[0];

        Assert.Equal(
        [
            "name", "source", "count", "correct", "accuracy", "ci95", "macro_accuracy", "worst_group", "worst_group_accuracy",
            "groups", "common_counter", "abstentions", "abstention_share_of_errors", "perplexity",
        ], Names(erm));
        Assert.Equal("erm", erm.GetProperty("name").GetString());
        Assert.Equal("run-erm", erm.GetProperty("source").GetString());
        Assert.Equal(2000, erm.GetProperty("count").GetInt64());
        Assert.Equal(0.65, erm.GetProperty("accuracy").GetDouble());
        var ci = Numbers(erm.GetProperty("ci95"));
        Assert.Equal(2, ci.Length);
        Assert.Equal(0.63, ci[0], 12);
        Assert.Equal(0.67, ci[1], 12);
        Assert.Equal("waterbird/land", erm.GetProperty("worst_group").GetString());
        Assert.Equal(0.22, erm.GetProperty("worst_group_accuracy").GetDouble());
        Assert.Equal(0, erm.GetProperty("abstentions").GetInt64());
        Assert.Equal(JsonValueKind.Null, erm.GetProperty("perplexity").ValueKind);
    }

    [Fact]
    public void Groups_have_count_correct_accuracy_and_interval()
    {
        using var json = Parse(EvaluationReports.Completed());
        var groups = json.RootElement.GetProperty("models")[0].GetProperty("groups").EnumerateArray().ToArray();

        Assert.Equal(EvaluationReports.Groups, groups.Select(g => g.GetProperty("group").GetString()));
        Assert.All(groups, g => Assert.Equal(["group", "count", "correct", "accuracy", "ci95", "loss", "abstentions"], Names(g)));
        var worst = groups[2];
        Assert.Equal(500, worst.GetProperty("count").GetInt64());
        Assert.Equal(110, worst.GetProperty("correct").GetInt64());
        Assert.Equal(0.22, worst.GetProperty("accuracy").GetDouble());
        Assert.Equal(2, worst.GetProperty("ci95").GetArrayLength());
    }

    [Fact]
    public void Common_counter_is_pooled_and_per_class_or_null_without_one()
    {
        using var json = Parse(EvaluationReports.Completed());
        var models = json.RootElement.GetProperty("models");
        var split = models[0].GetProperty("common_counter");

        Assert.Equal(["pooled", "per_class"], Names(split));
        var pooled = split.GetProperty("pooled");
        Assert.Equal(["common", "counter", "drop"], Names(pooled));
        Assert.Equal((0.9, 0.7, 20.0), (pooled.GetProperty("common").GetDouble(), pooled.GetProperty("counter").GetDouble(), pooled.GetProperty("drop").GetDouble()));
        var first = split.GetProperty("per_class")[0];
        Assert.Equal(["class", "common", "counter", "drop"], Names(first));
        Assert.Equal("0", first.GetProperty("class").GetString());
        Assert.Equal(35.0, first.GetProperty("drop").GetDouble());
        Assert.Equal(JsonValueKind.Null, models[1].GetProperty("common_counter").ValueKind);
    }

    [Fact]
    public void A_group_comparison_has_every_field_and_the_overall_one_has_a_null_group()
    {
        using var json = Parse(EvaluationReports.Completed());
        var comparisons = json.RootElement.GetProperty("comparisons").EnumerateArray().ToArray();

        Assert.All(comparisons, c => Assert.Equal(
        [
            "model", "base", "scope", "group", "base_accuracy", "accuracy", "relative_drop", "test", "statistic", "p_value",
            "p_adjusted", "significant", "base_only_correct", "model_only_correct",
        ], Names(c)));
        var overall = comparisons[0];
        Assert.Equal("overall", overall.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("group").ValueKind);
        Assert.Equal(3.5, overall.GetProperty("statistic").GetDouble());
        Assert.False(overall.GetProperty("significant").GetBoolean());

        var worst = comparisons[1];
        Assert.Equal(("dro", "erm", "group", "waterbird/land"), (worst.GetProperty("model").GetString(), worst.GetProperty("base").GetString(), worst.GetProperty("scope").GetString(), worst.GetProperty("group").GetString()));
        Assert.Equal(0.22, worst.GetProperty("base_accuracy").GetDouble());
        Assert.Equal(0.85, worst.GetProperty("accuracy").GetDouble());
        Assert.Equal(-286.4, worst.GetProperty("relative_drop").GetDouble());
        Assert.Equal("mcnemar_exact", worst.GetProperty("test").GetString());
        Assert.Equal(JsonValueKind.Null, worst.GetProperty("statistic").ValueKind);
        Assert.Equal(1e-9, worst.GetProperty("p_value").GetDouble());
        Assert.Equal(1e-8, worst.GetProperty("p_adjusted").GetDouble());
        Assert.True(worst.GetProperty("significant").GetBoolean());
    }

    [Fact]
    public void Absent_optionals_are_null()
    {
        using var json = Parse(EvaluationReports.Completed());
        var untested = json.RootElement.GetProperty("comparisons")[2];

        foreach (var name in new[] { "relative_drop", "statistic", "p_value", "p_adjusted" })
        {
            Assert.Equal(JsonValueKind.Null, untested.GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public void A_report_without_the_evaluation_yet_is_the_common_fields_and_empty_lists()
    {
        using var json = Parse(new JobReport { JobId = "eval-9", Kind = "evaluation", Name = "e", Status = "pending" });
        var root = json.RootElement;

        Assert.Equal("pending", root.GetProperty("status").GetString());
        Assert.Empty(root.GetProperty("models").EnumerateArray());
        Assert.Empty(root.GetProperty("comparisons").EnumerateArray());
    }

    [Fact]
    public void A_missing_interval_and_empty_worst_group_are_null_and_infinities_too()
    {
        var report = EvaluationReports.Completed();
        var model = report.Evaluation.Models[1];
        model.Ci95 = null;
        model.WorstGroup = "";
        model.Accuracy = double.NaN;

        using var json = Parse(report);
        var dro = json.RootElement.GetProperty("models")[1];

        Assert.Equal(JsonValueKind.Null, dro.GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Null, dro.GetProperty("worst_group").ValueKind);
        Assert.Equal(JsonValueKind.Null, dro.GetProperty("accuracy").ValueKind);
    }
}
