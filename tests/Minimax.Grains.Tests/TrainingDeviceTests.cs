using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Training;
using Minimax.Grains.Training;
using TorchSharp;

namespace Minimax.Grains.Tests;

/// <summary>
/// training.device on the workers: auto takes CUDA only where the silo has it, CUDA asked for where there is none
/// fails the run at its start naming the field, and cpu and auto train the same run to the same parameters here.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TrainingDeviceTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(0, DeviceType.CPU, -1)]
    [InlineData(2, DeviceType.CUDA, 0)]
    public void Auto_is_the_first_gpu_when_the_silo_has_one_else_the_cpu(int gpus, DeviceType type, int index)
    {
        var device = TrainingDevice.Resolve(DeviceSpec.Auto, gpus);

        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
    }

    [Fact]
    public void Cpu_is_the_cpu_even_where_there_are_gpus()
    {
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve(DeviceSpec.Cpu, 8).type);
    }

    [Fact]
    public void Cuda_n_is_that_gpu_when_the_silo_has_it()
    {
        var device = TrainingDevice.Resolve(new DeviceSpec { Kind = DeviceKind.Cuda, Index = 3 }, 4);

        Assert.Equal((DeviceType.CUDA, 3), (device.type, device.index));
    }

    [Theory]
    [InlineData(null, 0, "training.device: cuda was asked for, but the worker's silo")]
    [InlineData(2, 2, "training.device: cuda:2 was asked for, but the worker's silo")]
    public void Cuda_the_silo_does_not_have_is_an_error_naming_the_field(int? index, int gpus, string start)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve(new DeviceSpec { Kind = DeviceKind.Cuda, Index = index }, gpus));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_asking_for_cuda_on_a_cpu_silo_fails_at_its_start_naming_the_field()
    {
        Assert.Equal(0, ComputeDevices.CudaCount); // the CPU build of libtorch, as on every machine these tests run on
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 3);
        var run = fixture.Grains.GetGrain<IRunGrain>($"device-{Guid.NewGuid():N}");

        await run.SubmitAsync(spec with { Training = spec.Training with { Device = new DeviceSpec { Kind = DeviceKind.Cuda } } }, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.StartsWith("training.device: cuda was asked for, but the worker's silo", snapshot.Reason);
        Assert.Empty(progress);
    }

    [Fact]
    public async Task Auto_and_cpu_train_to_the_same_parameters_on_a_cpu_silo()
    {
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 1, steps: 6);

        var (_, _, auto) = await CompletedRun.TrainAsync(fixture.Grains, $"device-auto-{Guid.NewGuid():N}", spec, Timeout);
        var (_, _, cpu) = await CompletedRun.TrainAsync(
            fixture.Grains, $"device-cpu-{Guid.NewGuid():N}", spec with { Training = spec.Training with { Device = DeviceSpec.Cpu } }, Timeout);

        Assert.Equal(auto, cpu);
    }
}
