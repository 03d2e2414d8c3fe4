using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Mixtures;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class MixtureJsonTests
{
    private static readonly string[] TopLevel =
    [
        "job_id", "kind", "name", "status", "reason", "domains", "domain_weights", "reference_weights", "weight_trajectory",
        "main", "baseline", "steps_to_baseline", "main_curve", "baseline_curve", "memory_estimate_bytes", "stages", "rounds", "round_weights", "wall_seconds", "trace_id",
    ];

    private static JsonDocument Parse(MixtureReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        JobJson.Write(writer, JobJson.Format(JobReports.Doremi(report), new DoremiRenderer()));
        var text = writer.ToString();
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        return JsonDocument.Parse(text);
    }

    private static Dictionary<string, double> Map(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    [Fact]
    public void Top_level_fields_are_exactly_the_documented_ones_in_order()
    {
        using var json = Parse(MixtureReports.Completed());

        Assert.Equal(TopLevel, json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Scalars_and_domains_keep_their_values()
    {
        using var json = Parse(MixtureReports.Completed());
        var root = json.RootElement;

        Assert.Equal("mix-7", root.GetProperty("job_id").GetString());
        Assert.Equal("synth-doremi", root.GetProperty("name").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("", root.GetProperty("reason").GetString());
        Assert.Equal(MixtureReports.Domains, root.GetProperty("domains").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(120, root.GetProperty("steps_to_baseline").GetInt32());
        Assert.Equal(2, root.GetProperty("rounds").GetInt32());
        Assert.Equal(42.5, root.GetProperty("wall_seconds").GetDouble());
    }

    [Fact]
    public void Weight_maps_are_objects_keyed_by_domain_in_domain_order_and_sum_to_one()
    {
        using var json = Parse(MixtureReports.Completed());
        var root = json.RootElement;

        foreach (var name in new[] { "domain_weights", "reference_weights" })
        {
            var weights = root.GetProperty(name);
            Assert.Equal(JsonValueKind.Object, weights.ValueKind);
            Assert.Equal(MixtureReports.Domains, weights.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1.0, Map(weights).Values.Sum(), precision: 12);
        }

        Assert.Equal(0.125, Map(root.GetProperty("domain_weights"))["noise"]);
    }

    [Fact]
    public void The_weight_trajectory_is_steps_with_weights_on_the_simplex()
    {
        using var json = Parse(MixtureReports.Completed());
        var points = json.RootElement.GetProperty("weight_trajectory").EnumerateArray().ToArray();

        Assert.Equal([0, 50, 100, 150, 200], points.Select(p => p.GetProperty("step").GetInt32()));
        Assert.All(points, p =>
        {
            Assert.Equal(["step", "weights"], p.EnumerateObject().Select(q => q.Name));
            var weights = Map(p.GetProperty("weights"));
            Assert.Equal(MixtureReports.Domains, weights.Keys);
            Assert.Equal(1.0, weights.Values.Sum(), precision: 12);
            Assert.All(weights.Values, w => Assert.InRange(w, 0, 1));
        });
    }

    [Fact]
    public void Main_and_baseline_have_per_domain_both_averages_and_worst()
    {
        using var json = Parse(MixtureReports.Completed());

        foreach (var (name, worst) in new[] { ("main", 90.0), ("baseline", 92.0) })
        {
            var model = json.RootElement.GetProperty(name);
            Assert.Equal(["per_domain", "average", "arithmetic_average", "worst", "worst_domain"], model.EnumerateObject().Select(p => p.Name));
            Assert.Equal(MixtureReports.Domains, model.GetProperty("per_domain").EnumerateObject().Select(p => p.Name));
            Assert.Equal(worst, model.GetProperty("worst").GetDouble());
            Assert.Equal("noise", model.GetProperty("worst_domain").GetString());
            var perDomain = Map(model.GetProperty("per_domain")).Values;
            Assert.Equal(Math.Exp(perDomain.Average(Math.Log)), model.GetProperty("average").GetDouble(), precision: 12);
            Assert.Equal(perDomain.Average(), model.GetProperty("arithmetic_average").GetDouble(), precision: 12);
        }
    }

    [Fact]
    public void Stages_and_round_weights_have_snake_case_fields()
    {
        using var json = Parse(MixtureReports.Completed());
        var root = json.RootElement;

        var stages = root.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(6, stages.Length);
        Assert.All(stages, s => Assert.Equal(["stage", "round", "run_id", "status", "step", "total_steps"], s.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["reference", "proxy", "reference", "proxy", "main", "baseline"], stages.Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal("run-p2", stages[3].GetProperty("run_id").GetString());
        Assert.Equal(400, stages[4].GetProperty("total_steps").GetInt32());

        var rounds = root.GetProperty("round_weights").EnumerateArray().ToArray();
        Assert.Equal([1, 2], rounds.Select(r => r.GetProperty("round").GetInt32()));
        Assert.All(rounds, r =>
        {
            Assert.Equal(["round", "reference_weights", "domain_weights"], r.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1.0, Map(r.GetProperty("domain_weights")).Values.Sum(), precision: 12);
        });
    }

    [Fact]
    public void Absent_models_and_steps_to_baseline_are_null_and_empty_collections_stay()
    {
        using var json = Parse(MixtureReports.Running());
        var root = json.RootElement;

        Assert.Equal(TopLevel, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("main").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("baseline").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("steps_to_baseline").ValueKind);
        Assert.Empty(root.GetProperty("domain_weights").EnumerateObject());
        Assert.Empty(root.GetProperty("weight_trajectory").EnumerateArray());
        Assert.Empty(root.GetProperty("round_weights").EnumerateArray());
    }

    [Fact]
    public void Steps_to_baseline_zero_is_a_number_not_null()
    {
        var report = MixtureReports.Completed();
        report.StepsToBaseline = 0;

        using var json = Parse(report);

        Assert.Equal(0, json.RootElement.GetProperty("steps_to_baseline").GetInt32());
    }

    [Fact]
    public void Non_finite_perplexities_are_null_and_unknown_domains_come_last()
    {
        var report = MixtureReports.Completed();
        report.Main.PerDomain["noise"] = double.PositiveInfinity;
        report.Main.Worst = double.PositiveInfinity;
        report.DomainWeights["zzz-extra"] = 0;
        report.DomainWeights["aaa-extra"] = 0;

        using var json = Parse(report);
        var main = json.RootElement.GetProperty("main");

        Assert.Equal(JsonValueKind.Null, main.GetProperty("per_domain").GetProperty("noise").ValueKind);
        Assert.Equal(JsonValueKind.Null, main.GetProperty("worst").ValueKind);
        Assert.Equal(
            [.. MixtureReports.Domains, "aaa-extra", "zzz-extra"],
            json.RootElement.GetProperty("domain_weights").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_submit_reply_is_the_job_id_and_kind()
    {
        var text = JobJson.FormatSubmitted(new SubmitJobReply { JobId = "mix-9", Kind = "doremi" }, new DoremiRenderer());

        using var json = JsonDocument.Parse(text);
        Assert.Equal([("job_id", "mix-9"), ("kind", "doremi")], json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }
}
