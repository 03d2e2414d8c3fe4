using Minimax.Contracts.Specs;
using Minimax.Engine.Training;
using TorchSharp;

namespace Minimax.Grains.Training;

/// <summary>
/// The device a worker trains on, from the spec's training.device and the GPUs its own silo has: asking for CUDA
/// where there is none fails the run at its start with an error naming the field, never a fallback to the CPU.
/// </summary>
public static class TrainingDevice
{
    public const string Field = "training.device";

    public static torch.Device Resolve(DeviceSpec spec) => Resolve(spec, ComputeDevices.CudaCount);

    /// <summary>Resolves against <paramref name="cudaCount"/> GPUs (the silo's, or any count in a test).</summary>
    public static torch.Device Resolve(DeviceSpec spec, int cudaCount)
    {
        switch (spec.Kind)
        {
            case DeviceKind.Cpu:
                return ComputeDevices.Cpu;
            case DeviceKind.Auto:
                return cudaCount > 0 ? ComputeDevices.Cuda(0) : ComputeDevices.Cpu;
        }
        var index = spec.Index ?? 0;
        if (cudaCount == 0)
        {
            throw new ArgumentException(
                $"{Field}: {spec} was asked for, but the worker's silo ({Environment.MachineName}) has no CUDA device " +
                "(its libtorch is the CPU build or sees no GPU); use auto or cpu, or run on a GPU worker");
        }
        return index < cudaCount
            ? ComputeDevices.Cuda(index)
            : throw new ArgumentException(
                $"{Field}: {spec} was asked for, but the worker's silo ({Environment.MachineName}) has {cudaCount} CUDA device{(cudaCount == 1 ? "" : "s")} (cuda:0 to cuda:{cudaCount - 1})");
    }
}
