using Minimax.Client.Connection;

namespace Minimax.Client.Tests;

/// <summary>Where the CLI takes its API key from. The environment is process-wide, hence the console collection.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClusterApiKeyTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(ClusterApiKey.EnvironmentVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(ClusterApiKey.EnvironmentVariable, _saved);

    [Fact]
    public void The_option_wins_over_the_environment()
    {
        Environment.SetEnvironmentVariable(ClusterApiKey.EnvironmentVariable, "from-environment");

        Assert.Equal("from-option", ClusterApiKey.Resolve("from-option"));
    }

    [Fact]
    public void Without_the_option_the_environment_is_used()
    {
        Environment.SetEnvironmentVariable(ClusterApiKey.EnvironmentVariable, " from-environment ");

        Assert.Equal("from-environment", ClusterApiKey.Resolve(null));
        Assert.Equal("from-environment", ClusterApiKey.Resolve(""));
    }

    [Fact]
    public void Neither_means_no_key()
    {
        Environment.SetEnvironmentVariable(ClusterApiKey.EnvironmentVariable, null);

        Assert.Null(ClusterApiKey.Resolve(null));
        Assert.Null(ClusterApiKey.Resolve("   "));
    }

    [Theory]
    [InlineData("run", true)]
    [InlineData("submit", true)]
    [InlineData("watch", false)]
    [InlineData("get", false)]
    [InlineData("cancel", false)]
    [InlineData("list", false)]
    public async Task Every_cluster_command_takes_an_api_key_and_submitting_ones_a_request_id(string command, bool submits)
    {
        var (code, console) = await CliInvocation.InvokeAsync(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains("--api-key", console.StandardOutput);
        Assert.Equal(submits, console.StandardOutput.Contains("--request-id", StringComparison.Ordinal));
    }
}
