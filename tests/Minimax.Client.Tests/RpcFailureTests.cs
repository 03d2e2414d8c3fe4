using Grpc.Core;
using Minimax.Client.Connection;

namespace Minimax.Client.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class RpcFailureTests
{
    private static readonly Uri Cluster = new("http://127.0.0.1:5000");

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "training.lr: must be > 0", "error: training.lr: must be > 0")]
    [InlineData(StatusCode.NotFound, "run 'run-9' not found", "error: run 'run-9' not found")]
    [InlineData(StatusCode.OutOfRange, "step out of range", "error: step out of range")]
    public void Bad_input_statuses_exit_2_with_the_detail(StatusCode status, string detail, string expectedLine)
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(new RpcException(new Status(status, detail)), Cluster);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(2, code);
        Assert.Equal([expectedLine], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Theory]
    [InlineData("missing API key: send the metadata 'authorization: Bearer <key>'")]
    [InlineData("the API key is not valid")]
    public void Unauthenticated_exits_2_with_one_line_saying_where_the_key_comes_from(string detail)
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(new RpcException(new Status(StatusCode.Unauthenticated, detail)), Cluster);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: {detail} (use --api-key or MINIMAX_API_KEY)"], console.ErrorLines);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public void Resource_exhausted_exits_1_with_the_detail()
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(
            new RpcException(new Status(StatusCode.ResourceExhausted, "Limits:MaxConcurrentRunsPerTenant: 8 of at most 8 runs are pending or running")),
            Cluster);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal(["error: Limits:MaxConcurrentRunsPerTenant: 8 of at most 8 runs are pending or running"], console.ErrorLines);
    }

    [Fact]
    public void Unavailable_exits_1_naming_the_cluster()
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(new RpcException(new Status(StatusCode.Unavailable, "Connection refused")), Cluster);

        Assert.Equal(1, code);
        Assert.Equal(["error: cannot reach the cluster at http://127.0.0.1:5000/: Connection refused"], console.ErrorLines);
    }

    [Fact]
    public void Deadline_exceeded_exits_1_saying_the_cluster_did_not_answer()
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(new RpcException(new Status(StatusCode.DeadlineExceeded, "ignored")), Cluster);

        Assert.Equal(1, code);
        Assert.Equal(["error: the cluster at http://127.0.0.1:5000/ did not answer in time"], console.ErrorLines);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Cancelled)]
    public void Other_statuses_exit_1_with_the_status_name(StatusCode status)
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(new RpcException(new Status(status, "it broke")), Cluster);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal([$"error: {status}: it broke"], console.ErrorLines);
    }

    [Fact]
    public void A_multi_line_detail_is_reported_on_one_line()
    {
        using var console = new ConsoleCapture();

        var code = RpcFailure.Report(
            new RpcException(new Status(StatusCode.InvalidArgument, "training.workers: expected an integer\r\n  got 'two'\n")), Cluster);

        Assert.Equal(2, code);
        Assert.Equal(["error: training.workers: expected an integer got 'two'"], console.ErrorLines);
        Assert.Equal("error: training.workers: expected an integer got 'two'\n", console.StandardError);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("one line", "one line")]
    [InlineData("first\nsecond", "first second")]
    [InlineData("  padded \r\n\r\n  next  ", "padded next")]
    [InlineData("\n\n", "")]
    public void OneLine_joins_trimmed_non_empty_lines_with_spaces(string text, string expected)
    {
        Assert.Equal(expected, RpcFailure.OneLine(text));
    }

    [Fact]
    public void Exit_codes_match_the_documented_values()
    {
        Assert.Equal(0, ExitCodes.Completed);
        Assert.Equal(1, ExitCodes.Failed);
        Assert.Equal(2, ExitCodes.BadInput);
        Assert.Equal(130, ExitCodes.Interrupted);
    }
}
