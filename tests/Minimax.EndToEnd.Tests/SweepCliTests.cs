using System.Text.Json;
using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A sweep through the CLI and gRPC on a real silo: the grid's trials train as child runs, the report
/// aggregates them per configuration and selects one; bad grids are refused at submit naming the field.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SweepCliTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private Jobs.JobsClient Client => new(silo.Channel);

    private string WriteSweep(string grid, int parallel = 2)
    {
        var baseSpec = silo.WriteSpec("erm", steps: 20, workers: 1);
        var path = Path.Combine(silo.DataDirectory, $"sweep-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            kind: sweep
            name: e2e-sweep
            base: {Path.GetFileName(baseSpec)}
            grid:
            {string.Join('\n', grid.Split('\n').Select(line => "  " + line))}
            select: {"{"} metric: val_worst_group_accuracy, over: seed {"}"}
            parallel: {parallel}
            """);
        return path;
    }

    [Fact]
    public async Task Run_sweep_prints_one_row_per_configuration_with_mean_and_sd_over_seeds_and_writes_its_plot()
    {
        var spec = WriteSweep("objective.kind: [erm, group_dro]\nseed: [0, 1]");
        var plots = Path.Combine(silo.DataDirectory, $"plots-{Guid.NewGuid():N}");

        var result = await Cli.RunAsync(["run", spec, "--cluster", silo.Address.ToString(), "--json", "--plots", plots], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var json = report.RootElement;
        Assert.Equal("sweep", json.GetProperty("kind").GetString());
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var configurations = json.GetProperty("configurations").EnumerateArray().ToArray();
        Assert.Equal(["erm", "group_dro"], configurations.Select(c => c.GetProperty("values").GetProperty("objective.kind").GetString()));
        foreach (var configuration in configurations)
        {
            var trials = configuration.GetProperty("trials").EnumerateArray().ToArray();
            Assert.Equal([0.0, 1.0], trials.Select(t => t.GetProperty("values").GetProperty("seed").GetDouble()));
            Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
            var worst = trials.Select(t => t.GetProperty("metrics").GetProperty("test_worst_group_accuracy").GetDouble()).ToArray();
            var aggregate = configuration.GetProperty("test_worst_group_accuracy");
            Assert.Equal(worst.Average(), aggregate.GetProperty("mean").GetDouble(), 9);
            Assert.Equal(Math.Abs(worst[0] - worst[1]) / Math.Sqrt(2), aggregate.GetProperty("sd").GetDouble(), 9);
            foreach (var name in new[] { "val_worst_group_accuracy", "test_average_accuracy", "test_train_weighted_accuracy" })
            {
                Assert.Equal(2, configuration.GetProperty(name).GetProperty("n").GetInt32());
            }

            // Each trial is an ordinary run of its own, a child of the sweep.
            var run = await silo.Client.GetRunAsync(new GetRunRequest { RunId = trials[1].GetProperty("run_id").GetString() });
            Assert.Equal("completed", run.Status);
        }
        var best = configurations.MaxBy(c => c.GetProperty("val_worst_group_accuracy").GetProperty("mean").GetDouble());
        Assert.True(best.GetProperty("selected").GetBoolean());
        Assert.Equal(best.GetProperty("values").GetProperty("objective.kind").GetString(), json.GetProperty("selected").GetProperty("objective.kind").GetString());
        Assert.True(new FileInfo(Path.Combine(plots, "sweep.png")).Length > 1000);
    }

    [Theory]
    [InlineData("training.optimizer.lr: [0.1, -1]\nseed: [0]", 2, "grid.training.optimizer.lr[1]")]
    [InlineData("training.workers: [1, 100]\nseed: [0]", 2, "grid.training.workers[1]")]
    [InlineData("data.train: [train.csv, nope.csv]\nseed: [0]", 2, "grid.data.train")]
    [InlineData("seed: [0, 1]", 1000, "parallel")]
    public async Task A_bad_sweep_is_refused_at_submit_naming_the_field(string grid, int parallel, string field)
    {
        var request = new SubmitJobRequest { SpecYaml = File.ReadAllText(WriteSweep(grid, parallel)), SpecDirectory = silo.DataDirectory };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitJobAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(field + ":", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_base_file_exits_2_with_one_line_naming_base()
    {
        var spec = Path.Combine(silo.DataDirectory, $"sweep-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, "kind: sweep\nname: no-base\nbase: missing.yaml\ngrid: { seed: [0] }\n");

        var result = await Cli.RunAsync(["run", spec, "--cluster", silo.Address.ToString()], Timeout);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("base", line, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", line, StringComparison.Ordinal);
    }
}
