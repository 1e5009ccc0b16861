using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("RecSharp.Tests")]
