namespace Minimax.Client.Tests;

/// <summary>`minimax cluster`'s bad input and unreachable cluster, through the real command line (no cluster contacted).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClusterCommandLineTests
{
    [Fact]
    public async Task Without_cluster_it_exits_2_naming_the_option_like_the_other_cluster_commands()
    {
        var (code, console) = await CliInvocation.InvokeAsync("cluster", "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", console.StandardOutput);
        Assert.Contains(console.ErrorLines, line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains("--cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_cluster_url_exits_2_with_one_line()
    {
        var (code, console) = await CliInvocation.InvokeAsync("cluster", "--cluster", "localhost:5000");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: --cluster: 'localhost:5000' is not an http(s) URL"], console.ErrorLines);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_1_with_one_line()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        var (code, console) = await CliInvocation.InvokeAsync("cluster", "--cluster", "http://127.0.0.1:1", "--json");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.StartsWith("error: cannot reach the cluster at http://127.0.0.1:1/: ", Assert.Single(console.ErrorLines));
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public async Task Help_lists_the_cluster_command()
    {
        var (code, console) = await CliInvocation.InvokeAsync("--help");

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\s+cluster\b", console.StandardOutput);
    }
}
