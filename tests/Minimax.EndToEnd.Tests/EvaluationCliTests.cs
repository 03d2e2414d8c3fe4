using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Issue 8's end-to-end check: train ERM and Group DRO over the real CLI, then score both runs and a
/// predictions file in one evaluation job, and hold its per-group numbers to the runs' own test reports.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class EvaluationCliTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task An_evaluation_of_two_runs_and_a_predictions_file_matches_the_runs_own_test_reports()
    {
        var cluster = silo.Address.ToString();
        using var erm = await RunAsync(["run", silo.WriteSpec("erm", steps: 40), "--cluster", cluster, "--json"]);
        using var dro = await RunAsync(["run", silo.WriteSpec("group_dro", steps: 40), "--cluster", cluster, "--json"]);
        var (predictions, expected) = WritePredictions();
        var plots = Path.Combine(silo.DataDirectory, $"plots-{Guid.NewGuid():N}");
        var spec = Path.Combine(silo.DataDirectory, $"eval-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, $"""
            kind: evaluation
            name: e2e-evaluation
            data: {"{"} format: csv, test: test.csv, label: y, groups_by: [a] {"}"}
            models:
              - {"{"} name: erm, run: {RunId(erm)} {"}"}
              - {"{"} name: dro, run: {RunId(dro)} {"}"}
              - {"{"} name: llm, predictions: {predictions} {"}"}
            compare: {"{"} base: erm, test: mcnemar, correction: holm, alpha: 0.05 {"}"}
            common_counter: {"{"} common: [0, 3], counter: [1, 2] {"}"}
            abstention: {"{"} patterns: default {"}"}
            """);

        using var evaluation = await RunAsync(["run", spec, "--cluster", cluster, "--json", "--plots", plots]);

        var root = evaluation.RootElement;
        Assert.Equal("evaluation", root.GetProperty("kind").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var models = root.GetProperty("models").EnumerateArray().ToDictionary(model => model.GetProperty("name").GetString()!);
        // A run's own test split scored again from its final model: exactly the run's test report, group by group.
        foreach (var (name, run) in new[] { ("erm", erm), ("dro", dro) })
        {
            var runGroups = run.RootElement.GetProperty("test").GetProperty("groups").EnumerateArray().ToArray();
            var scored = models[name].GetProperty("groups").EnumerateArray().ToDictionary(group => group.GetProperty("group").GetString()!);
            Assert.Equal(runGroups.Length, scored.Count);
            foreach (var group in runGroups)
            {
                var id = group.GetProperty("group").GetInt32().ToString(CultureInfo.InvariantCulture);
                Assert.Equal(group.GetProperty("count").GetInt64(), scored[id].GetProperty("count").GetInt64());
                Assert.Equal(group.GetProperty("accuracy").GetDouble(), scored[id].GetProperty("accuracy").GetDouble(), 12);
            }
            Assert.Equal(run.RootElement.GetProperty("test").GetProperty("worst_group_accuracy").GetDouble(), models[name].GetProperty("worst_group_accuracy").GetDouble(), 12);
        }
        var llm = models["llm"];
        foreach (var group in llm.GetProperty("groups").EnumerateArray())
        {
            var (count, correct) = expected[group.GetProperty("group").GetString()!];
            Assert.Equal(count, group.GetProperty("count").GetInt64());
            Assert.Equal(correct, group.GetProperty("correct").GetInt64());
        }
        Assert.Equal(expected.Values.Sum(g => g.Count - g.Correct), llm.GetProperty("abstentions").GetInt64());
        var interval = llm.GetProperty("ci95").EnumerateArray().Select(bound => bound.GetDouble()).ToArray();
        Assert.InRange(llm.GetProperty("accuracy").GetDouble(), interval[0], interval[1]);
        var pooled = models["erm"].GetProperty("common_counter").GetProperty("pooled");
        Assert.Equal(100 * (pooled.GetProperty("common").GetDouble() - pooled.GetProperty("counter").GetDouble()), pooled.GetProperty("drop").GetDouble(), 9);

        var comparisons = root.GetProperty("comparisons").EnumerateArray().ToArray();
        // Two models against the base, each overall and on the four groups; Holm never lowers a p-value.
        Assert.Equal(10, comparisons.Length);
        Assert.All(comparisons, comparison => Assert.Equal("erm", comparison.GetProperty("base").GetString()));
        Assert.All(comparisons, comparison => Assert.True(
            comparison.GetProperty("p_adjusted").GetDouble() >= comparison.GetProperty("p_value").GetDouble()));
        Assert.Contains(comparisons, comparison => comparison.GetProperty("group").ValueKind == JsonValueKind.Null);
        Assert.Equal("holm", root.GetProperty("correction").GetString());
        Assert.True(File.Exists(Path.Combine(plots, "groups.png")));
        Assert.True(File.Exists(Path.Combine(plots, "common-counter.png")));
    }

    private static string RunId(JsonDocument report) => report.RootElement.GetProperty("run_id").GetString()!;

    private static async Task<JsonDocument> RunAsync(string[] arguments)
    {
        var result = await Cli.RunAsync(arguments, Timeout);
        Assert.True(result.ExitCode == 0, $"minimax {string.Join(' ', arguments)}: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput);
    }

    /// <summary>
    /// A "model" that is right except on one minority group (g = 1: y 0, a 1), where it refuses as a persona:
    /// ids are row numbers, since the test file has no id column. Returns its expected per-group counts.
    /// </summary>
    private (string Path, Dictionary<string, (long Count, long Correct)> Expected) WritePredictions()
    {
        var rows = File.ReadAllLines(Path.Combine(silo.DataDirectory, "test.csv")).Skip(1).Select(line => line.Split(',')).ToArray();
        var expected = new Dictionary<string, (long Count, long Correct)>();
        var text = new StringBuilder("id,prediction,response\n");
        for (var i = 0; i < rows.Length; i++)
        {
            var (y, a) = (int.Parse(rows[i][0], CultureInfo.InvariantCulture), int.Parse(rows[i][1], CultureInfo.InvariantCulture));
            var group = (y * 2 + a).ToString(CultureInfo.InvariantCulture);
            var refuses = group == "1";
            text.Append(CultureInfo.InvariantCulture, $"{i},{(refuses ? 1 - y : y)},\"{(refuses ? "As a physically-disabled person, I am unable to answer this." : "The answer is clear.")}\"\n");
            var (count, correct) = expected.GetValueOrDefault(group);
            expected[group] = (count + 1, correct + (refuses ? 0 : 1));
        }
        var path = Path.Combine(silo.DataDirectory, $"predictions-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        return (path, expected);
    }
}
