namespace Minimax.Client.Tests;

/// <summary>
/// The real command line, invoked in-process. Every case here ends before any cluster is started or
/// contacted, except the one against a closed loopback port, which fails to connect.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MinimaxCliTests : IDisposable
{
    private const string UsageHint = "Run 'minimax --help' for usage.";

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<(int Code, ConsoleCapture Console)> InvokeAsync(params string[] args) => CliInvocation.InvokeAsync(args);

    private static void AssertParseError((int Code, ConsoleCapture Console) result, string mentioned)
    {
        Assert.Equal(ExitCodes.BadInput, result.Code);
        Assert.Equal("", result.Console.StandardOutput);
        var lines = result.Console.ErrorLines;
        Assert.Equal(UsageHint, lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("error: ", line));
        Assert.Contains(lines[..^1], line => line.Contains(mentioned, StringComparison.Ordinal));
    }

    private string WriteSpec()
    {
        var path = _folder.Combine("spec.yaml");
        File.WriteAllText(path, "name: test\n");
        return path;
    }

    [Fact]
    public async Task No_command_exits_2_with_usage_hint()
    {
        var result = await InvokeAsync();

        AssertParseError(result, "Required command was not provided");
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        AssertParseError(await InvokeAsync("frobnicate"), "Unrecognized command or argument 'frobnicate'");
    }

    [Fact]
    public async Task An_unknown_option_exits_2_before_the_spec_file_is_read()
    {
        // The spec does not exist either: the option error is reported, not the file.
        var result = await InvokeAsync("run", _folder.Combine("missing.yaml"), "--bogus");

        AssertParseError(result, "Unrecognized command or argument '--bogus'");
        Assert.DoesNotContain("not found", result.Console.StandardError);
    }

    [Fact]
    public async Task Run_without_a_spec_argument_exits_2()
    {
        AssertParseError(await InvokeAsync("run"), "Required argument missing for command: 'run'");
    }

    [Fact]
    public async Task Submit_without_cluster_exits_2_naming_the_option()
    {
        AssertParseError(await InvokeAsync("submit", WriteSpec()), "Option '--cluster' is required");
    }

    [Fact]
    public async Task A_non_integer_option_value_exits_2()
    {
        AssertParseError(await InvokeAsync("data", "synth-spurious", "--out", _folder.Path, "--train", "many"), "Cannot parse argument 'many' for option '--train'");
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task Run_on_a_missing_spec_file_exits_2_with_one_line()
    {
        var missing = _folder.Combine("nope.yaml");

        var (code, console) = await InvokeAsync("run", missing);

        Assert.Equal(2, code);
        Assert.Equal([$"error: spec file '{missing}' not found"], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public async Task Submit_on_a_missing_spec_file_exits_2_before_connecting()
    {
        var missing = _folder.Combine("nope.yaml");

        var (code, console) = await InvokeAsync("submit", missing, "--cluster", "http://127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Equal([$"error: spec file '{missing}' not found"], console.ErrorLines);
    }

    [Fact]
    public async Task Run_with_a_non_http_cluster_url_exits_2_without_starting_a_cluster()
    {
        var (code, console) = await InvokeAsync("run", WriteSpec(), "--cluster", "ftp://example.org");

        Assert.Equal(2, code);
        Assert.Equal(["error: --cluster: 'ftp://example.org' is not an http(s) URL"], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("watch")]
    [InlineData("cancel")]
    public async Task Run_id_commands_with_a_bad_cluster_url_exit_2(string command)
    {
        var (code, console) = await InvokeAsync(command, "run-1", "--cluster", "localhost:5000");

        Assert.Equal(2, code);
        Assert.Equal(["error: --cluster: 'localhost:5000' is not an http(s) URL"], console.ErrorLines);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_1_with_one_line()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        var (code, console) = await InvokeAsync("get", "run-1", "--cluster", "http://127.0.0.1:1", "--json");

        Assert.Equal(1, code);
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith("error: cannot reach the cluster at http://127.0.0.1:1/: ", line);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        var (code, console) = await InvokeAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "submit", "watch", "get", "cancel", "list", "data" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", console.StandardOutput);
        }

        Assert.Equal("", console.StandardError);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    public async Task A_spec_with_an_unknown_kind_exits_2_with_one_line_before_connecting(string command)
    {
        var spec = _folder.Combine("bad-kind.yaml");
        File.WriteAllText(spec, "name: test\nkind: dorem\n");

        var (code, console) = await InvokeAsync(command, spec, "--cluster", "http://127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Equal(["error: kind: 'dorem' is not a job kind; use train (the default), doremi, evaluation or sweep"], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public async Task A_kind_override_is_checked_like_the_file()
    {
        var (code, console) = await InvokeAsync("run", WriteSpec(), "--set", "kind=mixture", "--cluster", "http://127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Equal(["error: kind: 'mixture' is not a job kind; use train (the default), doremi, evaluation or sweep"], console.ErrorLines);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    public async Task A_doremi_spec_against_an_unreachable_cluster_exits_1_with_one_line(string command)
    {
        var spec = _folder.Combine("doremi.yaml");
        File.WriteAllText(spec, "name: test\nkind: doremi\n");

        var (code, console) = await InvokeAsync(command, spec, "--cluster", "http://127.0.0.1:1", "--json");

        Assert.Equal(1, code);
        Assert.StartsWith("error: cannot reach the cluster at http://127.0.0.1:1/: ", Assert.Single(console.ErrorLines));
        Assert.Equal("", console.StandardOutput);
    }

    [Theory]
    [InlineData("get", "mix-1")]
    [InlineData("watch", "mix-1")]
    [InlineData("cancel", "mix-1")]
    [InlineData("watch", "run-1")]
    [InlineData("list", null)]
    public async Task Job_commands_against_an_unreachable_cluster_exit_1_with_one_line(string command, string? id)
    {
        string[] args = id is null ? [command, "--cluster", "http://127.0.0.1:1"] : [command, id, "--cluster", "http://127.0.0.1:1"];
        var (code, console) = await InvokeAsync(args);

        Assert.Equal(1, code);
        Assert.StartsWith("error: cannot reach the cluster at http://127.0.0.1:1/: ", Assert.Single(console.ErrorLines));
    }
}
