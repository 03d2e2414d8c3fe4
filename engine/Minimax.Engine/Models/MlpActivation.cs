namespace Minimax.Engine.Models;

public enum MlpActivation
{
    Relu,
    Tanh,
    Gelu,
}
