using Minimax.Client.Cli;
using Minimax.Client.Data;

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

    private static async Task<(int Code, ConsoleCapture Console)> InvokeAsync(params string[] args)
    {
        var console = new ConsoleCapture();
        try
        {
            return (await MinimaxCli.InvokeAsync(args), console);
        }
        finally
        {
            console.Dispose();
        }
    }

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

    [Fact]
    public async Task Synth_spurious_with_bad_counts_exits_2_and_writes_nothing()
    {
        var output = _folder.Combine("data");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", output, "--train", "3");

        Assert.Equal(2, code);
        Assert.Equal(["error: --train: must be at least 4 (one row per group)"], console.ErrorLines);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Synth_spurious_with_an_out_path_that_is_a_file_exits_2()
    {
        var file = _folder.Combine("taken");
        File.WriteAllText(file, "");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", file, "--train", "8", "--val", "4", "--test", "4");

        Assert.Equal(2, code);
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith("error: --out: ", line);
    }

    [Fact]
    public async Task Synth_spurious_writes_the_generator_output_for_its_options_and_exits_0()
    {
        var output = _folder.Combine("cli");
        var expected = _folder.Combine("direct");
        SpuriousDatasetGenerator.Write(expected, new SpuriousDatasetOptions
        {
            Seed = 7, TrainRows = 40, ValRows = 8, TestRows = 12, CoreDims = 2, SpuriousDims = 1, NoiseDims = 3,
            CoreMean = 0.75, SpuriousNoise = 0.5, SpuriousCorrelation = 0.9,
        });

        var (code, console) = await InvokeAsync(
            "data", "synth-spurious", "--out", output, "--seed", "7", "--train", "40", "--val", "8", "--test", "12",
            "--core-dims", "2", "--spurious-dims", "1", "--noise-dims", "3",
            "--core-mean", "0.75", "--spurious-noise", "0.5", "--spurious-correlation", "0.9");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
        Assert.Equal(
        [
            $"{Path.Combine(output, "train.csv")}: 40 rows, groups (g = 2y + a) [18, 2, 2, 18]",
            $"{Path.Combine(output, "val.csv")}: 8 rows, groups (g = 2y + a) [2, 2, 2, 2]",
            $"{Path.Combine(output, "test.csv")}: 12 rows, groups (g = 2y + a) [3, 3, 3, 3]",
        ], console.OutputLines);
        foreach (var split in new[] { "train", "val", "test" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, $"{split}.csv")), File.ReadAllBytes(Path.Combine(output, $"{split}.csv")));
        }
    }

    [Fact]
    public async Task Synth_spurious_defaults_match_the_documented_defaults()
    {
        var output = _folder.Combine("defaults");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(
        [
            $"{Path.Combine(output, "train.csv")}: 4000 rows, groups (g = 2y + a) [1900, 100, 100, 1900]",
            $"{Path.Combine(output, "val.csv")}: 1000 rows, groups (g = 2y + a) [250, 250, 250, 250]",
            $"{Path.Combine(output, "test.csv")}: 2000 rows, groups (g = 2y + a) [500, 500, 500, 500]",
        ], console.OutputLines);
        Assert.Equal(102, File.ReadLines(Path.Combine(output, "train.csv")).First().Split(',').Length);
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
        Assert.Equal(["error: kind: 'dorem' is not a job kind; use train (the default) or doremi"], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public async Task A_kind_override_is_checked_like_the_file()
    {
        var (code, console) = await InvokeAsync("run", WriteSpec(), "--set", "kind=mixture", "--cluster", "http://127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Equal(["error: kind: 'mixture' is not a job kind; use train (the default) or doremi"], console.ErrorLines);
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
    public async Task Ids_against_an_unreachable_cluster_exit_1_with_one_line(string command, string id)
    {
        var (code, console) = await InvokeAsync(command, id, "--cluster", "http://127.0.0.1:1");

        Assert.Equal(1, code);
        Assert.StartsWith("error: cannot reach the cluster at http://127.0.0.1:1/: ", Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task Synth_domains_writes_the_generator_output_and_one_line_per_domain()
    {
        var output = _folder.Combine("cli");
        var expected = _folder.Combine("direct");
        var summaries = DomainCorpusGenerator.Write(expected, new DomainCorpusOptions { Seed = 3, TrainKib = 2, HeldoutKib = 1 });

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", output, "--seed", "3", "--train-kib", "2", "--heldout-kib", "1");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
        Assert.Equal(summaries.Count, console.OutputLines.Length);
        foreach (var (summary, line) in summaries.Zip(console.OutputLines))
        {
            Assert.StartsWith(
                $"{summary.Domain}: train {Path.Combine(output, "train", summary.Domain, "part-0.txt")} (2048 bytes), " +
                $"heldout {Path.Combine(output, "heldout", summary.Domain, "part-0.txt")} (1024 bytes), gzip ratio 0.",
                line);
            Assert.Equal(File.ReadAllBytes(summary.TrainPath), File.ReadAllBytes(Path.Combine(output, "train", summary.Domain, "part-0.txt")));
            Assert.Equal(File.ReadAllBytes(summary.HeldoutPath), File.ReadAllBytes(Path.Combine(output, "heldout", summary.Domain, "part-0.txt")));
        }
    }

    [Theory]
    [InlineData("--train-kib", "0", "error: --train-kib: must be between 1 and 65536")]
    [InlineData("--heldout-kib", "-1", "error: --heldout-kib: must be between 1 and 65536")]
    public async Task Synth_domains_with_a_bad_size_exits_2_and_writes_nothing(string option, string value, string line)
    {
        var output = _folder.Combine("data");

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", output, option, value);

        Assert.Equal(2, code);
        Assert.Equal([line], console.ErrorLines);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Synth_domains_with_an_out_path_that_is_a_file_exits_2()
    {
        var file = _folder.Combine("taken");
        File.WriteAllText(file, "");

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", file, "--train-kib", "1");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --out: ", Assert.Single(console.ErrorLines));
    }
}
