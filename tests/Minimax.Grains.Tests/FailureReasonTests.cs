using Minimax.Grains.Jobs;

namespace Minimax.Grains.Tests;

public sealed class FailureReasonTests
{
    [Fact]
    public void A_native_error_becomes_its_first_line_without_the_trace_or_addresses()
    {
        var native = new ExternalException(
            "shape '[16, 65536]' is invalid for input of size 3 Exception raised from infer_size_impl at /pytorch/aten/src/ATen/InferSize.h:98 (most recent call first):\n"
            + "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0x7f3a2b1c4d5e (0x7f3a2b1c4d5e in /root/.nuget/packages/libtorch-cpu-linux-x64/lib/libc10.so)\n"
            + "frame #1: at::infer_size + 0x1234");

        var reason = FailureReason.Describe(new AggregateException(native));

        Assert.Equal("ExternalException: shape '[16, 65536]' is invalid for input of size 3", reason);
    }

    [Fact]
    public void Addresses_are_elided_and_long_messages_are_cut()
    {
        Assert.Equal("InvalidOperationException: bad pointer 0x… in worker", FailureReason.Describe(new InvalidOperationException("bad pointer 0x7ffde4a01b20 in worker")));
        var reason = FailureReason.OneLine(new string('x', 2000));
        Assert.Equal(FailureReason.MaxLength, reason.Length);
        Assert.EndsWith("…", reason);
    }

    private sealed class ExternalException(string message) : Exception(message);
}
