using TorchSharp;

namespace Minimax.Engine.Training;

/// <summary>The devices this process's libtorch can compute on: the CPU always, CUDA GPUs where the CUDA build and a driver are present.</summary>
public static class ComputeDevices
{
    /// <summary>How many CUDA GPUs libtorch reports; 0 with the CPU build (TorchSharp-cpu) or without a driver.</summary>
    public static int CudaCount => torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    public static torch.Device Cpu => torch.CPU;

    public static torch.Device Cuda(int index) => new(DeviceType.CUDA, index);
}
