"""How gunicorn serves the portal: `gunicorn -c python:councilportal.gunicorn_conf 'councilportal:create_app()'`.

The master builds the portal once and each worker starts as a copy of it, sharing with the master
the memory neither changes, most of all the imported code, instead of importing everything anew.
That is safe because building the app opens no database connection (a test holds it to that): each
worker opens its own. Python's cycle collector would visit every object the master made, and writing
its marks would copy their pages into every worker; frozen before each fork, they are left alone.
"""

import gc

preload_app = True


def pre_fork(_server, _worker) -> None:
    gc.freeze()
