using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests;

public sealed class TorchSharpLoadTests
{
    // Fails on Debian 12 unless the build marked GLIBCXX_3.4.32 weak in libLibTorchSharp.so.
    [Fact]
    public void TorchSharp_loads_and_backpropagates()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
        var y = (x * x).sum();
        y.backward();
        Assert.Equal(new float[] { 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
    }
}
