using System.Text.Json;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// The whole DoReMi pipeline through the CLI and gRPC on the synth-domains corpus: the unlearnable noise
/// domain must end below uniform weight and template prose (learnable, but far from learnt at this budget)
/// above it, with every weight on the simplex and above c/k.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DoReMiCliTests(SiloFixture silo)
{
    private const int Steps = 300;
    private const double Smoothing = 1e-3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task A_mixture_job_downweights_noise_upweights_a_learnable_domain_and_writes_its_report_and_plots()
    {
        var root = Path.Combine(silo.DataDirectory, $"domains-{Guid.NewGuid():N}");
        var generate = await Cli.RunAsync(["data", "synth-domains", "--out", root], Timeout);
        Assert.True(generate.ExitCode == 0, generate.StandardError);
        var spec = Path.Combine(root, "doremi.yaml");
        File.WriteAllText(spec, $"""
            kind: doremi
            name: e2e-doremi
            data: {"{"} format: text_folders, train: train, heldout: heldout {"}"}
            model: {"{"} kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 32 {"}"}
            doremi: {"{"} step_size: 0.1, smoothing: {Smoothing} {"}"}
            training:
              workers: 2
              steps: {Steps}
              batch_size: 20
              eval_every: 20
              optimizer: {"{"} kind: adamw, lr: 0.005, weight_decay: 0.01, warmup: 20 {"}"}
            """);
        var plots = Path.Combine(root, "plots");

        var result = await Cli.RunAsync(["run", spec, "--cluster", silo.Address.ToString(), "--json", "--plots", plots], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var json = report.RootElement;
        Assert.Equal("completed", json.GetProperty("status").GetString());
        string[] domains = ["arithmetic", "markov", "noise", "prose", "repeat"];
        Assert.Equal(domains, json.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        var weights = Weights(json.GetProperty("domain_weights"));
        Assert.Equal(1.0, weights.Values.Sum(), 9);
        Assert.All(weights.Values, w => Assert.True(w >= Smoothing / domains.Length, $"{w} is below c/k"));
        Assert.True(weights["noise"] < 1.0 / domains.Length, $"noise weight {weights["noise"]}");
        Assert.True(weights["prose"] > 1.0 / domains.Length, $"prose weight {weights["prose"]}");
        Assert.All(Weights(json.GetProperty("reference_weights")).Values, w => Assert.Equal(0.2, w, 12));

        var trajectory = json.GetProperty("weight_trajectory").EnumerateArray().ToArray();
        Assert.Equal(new[] { 1 }.Concat(Enumerable.Range(1, Steps / 10).Select(i => i * 10)), trajectory.Select(p => p.GetProperty("step").GetInt32()));
        Assert.All(trajectory, point => Assert.Equal(1.0, Weights(point.GetProperty("weights")).Values.Sum(), 9));

        foreach (var model in new[] { "main", "baseline" })
        {
            var perplexity = json.GetProperty(model);
            var perDomain = Weights(perplexity.GetProperty("per_domain"));
            Assert.Equal(domains, perDomain.Keys);
            Assert.Equal(Math.Exp(perDomain.Values.Average(Math.Log)), perplexity.GetProperty("average").GetDouble(), 9);
            Assert.Equal(perDomain.Values.Average(), perplexity.GetProperty("arithmetic_average").GetDouble(), 9);
            Assert.Equal(perDomain.Values.Max(), perplexity.GetProperty("worst").GetDouble(), 9);
            // Random printable characters: no model can beat their 95-symbol alphabet, and repetition is learnt.
            Assert.True(perDomain["noise"] > 60, $"{model} noise perplexity {perDomain["noise"]}");
            Assert.True(perDomain["repeat"] < 3, $"{model} repeat perplexity {perDomain["repeat"]}");
        }
        var baselineFinal = json.GetProperty("baseline").GetProperty("average").GetDouble();
        var mainCurve = json.GetProperty("main_curve").EnumerateArray().Select(p => (Step: p.GetProperty("step").GetInt32(), Average: p.GetProperty("average").GetDouble())).ToArray();
        var expected = mainCurve.Where(p => p.Average <= baselineFinal).Select(p => (int?)p.Step).FirstOrDefault();
        var steps = json.GetProperty("steps_to_baseline");
        Assert.Equal(expected, steps.ValueKind == JsonValueKind.Null ? null : steps.GetInt32());

        var stages = json.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(["reference", "proxy", "main", "baseline"], stages.Select(s => s.GetProperty("stage").GetString()).Order(StageOrder));
        Assert.All(stages, s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        foreach (var name in new[] { "domain-weights.png", "perplexity.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(plots, name));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }

        // Every stage is an ordinary run of the tenant's, listed beside the others.
        var list = await Cli.RunAsync(["list", "--cluster", silo.Address.ToString()], Timeout);
        Assert.All(stages, s => Assert.Contains(s.GetProperty("run_id").GetString()!, list.StandardOutput));
    }

    [Fact]
    public async Task Run_without_a_cluster_runs_a_mixture_job_on_an_embedded_one()
    {
        var root = Path.Combine(silo.DataDirectory, $"small-{Guid.NewGuid():N}");
        Minimax.Testing.DomainCorpus.Write(root);
        var spec = Path.Combine(root, "doremi.yaml");
        File.WriteAllText(spec, Minimax.Testing.DomainCorpus.MixtureYaml(root, steps: 10, workers: 1, main: false));

        var result = await Cli.RunAsync(["run", spec, "--json"], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("completed", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(1.0, Weights(report.RootElement.GetProperty("domain_weights")).Values.Sum(), 9);
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("main").ValueKind);
    }

    private static readonly Comparer<string?> StageOrder = Comparer<string?>.Create((a, b) =>
        Array.IndexOf(["reference", "proxy", "main", "baseline"], a) - Array.IndexOf(["reference", "proxy", "main", "baseline"], b));

    private static Dictionary<string, double> Weights(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
}
