using System.Text.Json;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class CliAuthTests(SecuredSiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_cli_authenticates_with_MINIMAX_API_KEY()
    {
        var spec = WriteSpec(steps: 5);
        var environment = new Dictionary<string, string?> { ["MINIMAX_API_KEY"] = SecuredSiloFixture.KeyOf("gamma") };

        var submit = await Cli.RunAsync(["submit", spec, "--cluster", silo.Address.ToString(), "--json"], Timeout, environment: environment);
        Assert.True(submit.ExitCode == 0, submit.StandardError);
        var runId = JsonDocument.Parse(submit.StandardOutput).RootElement.GetProperty("run_id").GetString()!;
        var watch = await Cli.RunAsync(["watch", runId, "--cluster", silo.Address.ToString(), "--json"], Timeout, environment: environment);
        var list = await Cli.RunAsync(["list", "--cluster", silo.Address.ToString(), "--json"], Timeout, environment: environment);

        Assert.True(watch.ExitCode == 0, watch.StandardError);
        Assert.Equal("completed", JsonDocument.Parse(watch.StandardOutput).RootElement.GetProperty("status").GetString());
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.Contains(runId, list.StandardOutput);
        // Another tenant's key does not see it.
        var other = await Cli.RunAsync(["get", runId, "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("beta")], Timeout);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains($"job_id: no job '{runId}'", other.StandardError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_a_valid_key_the_cli_exits_2_with_one_line(string? key)
    {
        var arguments = new List<string> { "list", "--cluster", silo.Address.ToString() };
        if (key is not null)
        {
            arguments.AddRange(["--api-key", key]);
        }

        var result = await Cli.RunAsync(arguments, Timeout, environment: new Dictionary<string, string?> { ["MINIMAX_API_KEY"] = null });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("MINIMAX_API_KEY", line);
    }

    [Fact]
    public async Task The_api_key_option_wins_over_the_environment()
    {
        var result = await Cli.RunAsync(
            ["list", "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("gamma"), "--json"],
            Timeout,
            environment: new Dictionary<string, string?> { ["MINIMAX_API_KEY"] = "wrong-key" });

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(result.StandardOutput).RootElement.ValueKind);
    }

    [Fact]
    public async Task Overrides_over_the_spec_size_limit_exit_2_with_one_line()
    {
        var spec = WriteSpec(steps: 5);

        var result = await Cli.RunAsync(
            ["submit", spec, "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("gamma"), "--set", "name=" + new string('n', SecuredSiloFixture.MaxSpecBytes)],
            Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: overrides: the spec and its overrides (--set) are larger than ", line);
    }

    private string WriteSpec(int steps)
    {
        var path = Path.Combine(silo.DataDirectory, $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SiloFixture.SpecYaml("erm", steps, workers: 1));
        return path;
    }
}
