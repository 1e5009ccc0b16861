using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("RecSharp.Torch.Tests")]
