namespace Minimax.Contracts.Specs;

/// <summary>
/// Whether weight decay spares biases and normalisation weights (every parameter of fewer than two dimensions),
/// as the DoReMi and Hugging Face scripts do; auto spares them in transformers only.
/// </summary>
public enum NoDecayMode { Auto, On, Off }
