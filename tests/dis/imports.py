import os
import os.path
import os.path as osp
from os import path, sep as s
from . import sibling
from ..pkg import thing
from mod import *
