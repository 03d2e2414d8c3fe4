using System.Text.Json;

namespace Minimax.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class CliTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_against_the_cluster_prints_exactly_one_json_report()
    {
        var spec = silo.WriteSpec("group_dro", steps: 30);

        var result = await Cli.RunAsync(["run", spec, "--cluster", silo.Address.ToString(), "--json"], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("e2e-group_dro", root.GetProperty("name").GetString());
        Assert.Equal(30, root.GetProperty("steps").GetInt32());
        Assert.StartsWith("run-", root.GetProperty("run_id").GetString());
        var test = root.GetProperty("test");
        Assert.Equal(4, test.GetProperty("groups").GetArrayLength());
        Assert.InRange(test.GetProperty("worst_group_accuracy").GetDouble(), 0, 1);
        Assert.Equal(4, root.GetProperty("group_weights").GetArrayLength());
        Assert.Equal(600, root.GetProperty("train_group_counts").EnumerateArray().Sum(c => c.GetInt32()));
        Assert.True(root.GetProperty("wall_seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Group_dro_with_shuffled_batches_too_small_for_its_minority_groups_warns_on_stderr_and_in_the_report()
    {
        var spec = silo.WriteSpec("group_dro", steps: 5, workers: 1);

        var result = await Cli.RunAsync(
            ["run", spec, "--cluster", silo.Address.ToString(), "--set", "objective.balanced_sampling=false", "--set", "training.batch_size=8", "--json"], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var warnings = report.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Matches("^group [0-3] is expected 0\\.[0-9]+ times per batch of 8 ", w));
        Assert.Equal(warnings.Select(w => $"warning: {w}"), result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Run_without_a_cluster_starts_an_embedded_one()
    {
        var spec = silo.WriteSpec("erm", steps: 10, workers: 1);

        var result = await Cli.RunAsync(["run", spec, "--json"], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("completed", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("erm", report.RootElement.GetProperty("objective").GetString());
    }

    [Fact]
    public async Task A_bad_override_exits_2_with_one_line_naming_the_field()
    {
        var spec = silo.WriteSpec();

        var result = await Cli.RunAsync(
            ["run", spec, "--cluster", silo.Address.ToString(), "--set", "training.batch_size=-5", "--json"], Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("training.batch_size", line);
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var result = await Cli.RunAsync(["run", Path.Combine(silo.DataDirectory, "nope.yaml"), "--cluster", silo.Address.ToString()], Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yaml", result.StandardError);
    }

    [Fact]
    public async Task Submit_then_get_and_list_show_the_run()
    {
        var spec = silo.WriteSpec("reweighted", steps: 5);

        var submit = await Cli.RunAsync(["submit", spec, "--cluster", silo.Address.ToString(), "--json"], Timeout);
        Assert.True(submit.ExitCode == 0, submit.StandardError);
        var runId = JsonDocument.Parse(submit.StandardOutput).RootElement.GetProperty("run_id").GetString()!;

        var watch = await Cli.RunAsync(["watch", runId, "--cluster", silo.Address.ToString(), "--json"], Timeout);
        Assert.True(watch.ExitCode == 0, watch.StandardError);
        Assert.Equal("completed", JsonDocument.Parse(watch.StandardOutput).RootElement.GetProperty("status").GetString());

        var get = await Cli.RunAsync(["get", runId, "--cluster", silo.Address.ToString(), "--json"], Timeout);
        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Equal(runId, JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("run_id").GetString());

        var list = await Cli.RunAsync(["list", "--cluster", silo.Address.ToString()], Timeout);
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.Contains(runId, list.StandardOutput);
    }
}
