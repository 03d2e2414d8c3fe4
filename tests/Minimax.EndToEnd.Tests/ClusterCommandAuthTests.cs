using System.Text.Json;

namespace Minimax.EndToEnd.Tests;

/// <summary>`minimax cluster` against a silo with API keys: any tenant's key reads the status, which names no job.</summary>
[Collection(SecuredSiloCollection.Name)]
public sealed class ClusterCommandAuthTests(SecuredSiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task With_a_tenants_key_it_prints_the_status_without_any_job_id()
    {
        var result = await Cli.RunAsync(
            ["cluster", "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("zeta"), "--json"], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var status = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(1, status.RootElement.GetProperty("silo_count").GetInt32());
        // The other tenants' jobs on this silo are counts only.
        Assert.DoesNotContain("job_id", result.StandardOutput);
        Assert.DoesNotMatch("(run|mix|eval|swp)-[0-9a-f]", result.StandardOutput);
    }

    [Fact]
    public async Task Without_a_key_it_exits_2_with_one_line()
    {
        var result = await Cli.RunAsync(
            ["cluster", "--cluster", silo.Address.ToString()], Timeout, environment: new Dictionary<string, string?> { ["MINIMAX_API_KEY"] = null });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("MINIMAX_API_KEY", line);
    }
}
