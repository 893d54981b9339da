import os, sys, tempfile, zipfile, importlib, importlib.util

tmp = tempfile.mkdtemp()
archive = os.path.join(tmp, 'lib.zip')
with zipfile.ZipFile(archive, 'w') as z:
    z.writestr('zmod.py', 'X = 41\ndef f():\n    return X + 1\n')
    z.writestr('zpkg/__init__.py', 'from .sub import Y\n')
    z.writestr('zpkg/sub.py', 'Y = "sub"\n')
    z.writestr('zpkg/data.txt', b'payload')
    z.writestr('deflated.py', 'Z = ' + repr('abc' * 50) + '\n', compress_type=zipfile.ZIP_DEFLATED)

sys.path.insert(0, archive)
import zmod
print(zmod.X, zmod.f())
print(zmod.__file__ == os.path.join(archive, 'zmod.py'))
print(type(zmod.__loader__).__name__, type(zmod.__loader__).__module__)
print(zmod.__spec__.name, zmod.__spec__.origin == zmod.__file__)
import zpkg, zpkg.sub
print(zpkg.Y, zpkg.__path__ == [os.path.join(archive, 'zpkg')], zpkg.sub.__name__)
import deflated
print(len(deflated.Z))

import zipimport
zi = zipimport.zipimporter(archive)
print(zi.archive == archive, repr(zi.prefix))
print(zi.is_package('zpkg'), zi.is_package('zmod'))
print(zi.get_source('zmod'))
print(zi.get_data(os.path.join(archive, 'zpkg', 'data.txt')))
spec = zi.find_spec('zpkg')
print(spec.name, spec.submodule_search_locations == [os.path.join(archive, 'zpkg')])
print(zi.find_spec('nothere'))
print(isinstance(sys.path_importer_cache[archive], zipimport.zipimporter))
print(sys.path_hooks[0] is zipimport.zipimporter)
try:
    zi.get_source('nothere')
except zipimport.ZipImportError as e:
    print('ZipImportError', e)
try:
    zipimport.zipimporter(os.path.join(tmp, 'missing.zip'))
except zipimport.ZipImportError as e:
    print('ZipImportError', str(e).replace(tmp, 'TMP'))
sub = zipimport.zipimporter(os.path.join(archive, 'zpkg'))
print(repr(sub.prefix), sub.find_spec('sub').name)
code = zi.get_code('zmod')
print(type(code).__name__, code.co_filename == os.path.join(archive, 'zmod.py'))
m = importlib.import_module('zpkg.sub')
print(m is zpkg.sub)
import _frozen_importlib, _frozen_importlib_external
print(_frozen_importlib is importlib._bootstrap, _frozen_importlib_external is importlib._bootstrap_external)
try:
    import not_in_zip_either
except ModuleNotFoundError as e:
    print(e)
import shutil
shutil.rmtree(tmp)
print(types_ok := __import__('types').ModuleType('m', 'doc').__doc__, repr(__import__('types').ModuleType('m')))
